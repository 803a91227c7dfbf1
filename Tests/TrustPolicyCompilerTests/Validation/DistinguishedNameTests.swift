import Testing
@testable import TrustPolicyCompiler

/// The DN rules of `notation policy import` (notation-go `internal/pkix` over go-ldap v3.4.11).
@Suite struct DistinguishedNameTests {
    private func parsed(_ text: String) throws -> DistinguishedName {
        try DistinguishedName.parse(text).get()
    }

    private func failure(_ text: String) -> DistinguishedNameError? {
        if case .failure(let error) = DistinguishedName.parse(text) { return error }
        return nil
    }

    private func pairs(_ name: DistinguishedName) -> [String] {
        name.attributes.map { "\($0.type)=\($0.value)" }
    }

    // MARK: Accepted names

    @Test func keepsAttributesInWrittenOrder() throws {
        let name = try parsed("CN=SecureBuilder, OU=Finance, O=acme-rockets.io, L=Seattle, ST=WA, C=US")
        #expect(pairs(name) == ["CN=SecureBuilder", "OU=Finance", "O=acme-rockets.io", "L=Seattle", "ST=WA", "C=US"])
        #expect(name.value(of: "O") == "acme-rockets.io")
        #expect(name.value(of: "DC") == nil)
    }

    @Test func normalisesStateAliasS() throws {
        let name = try parsed("C=US,S=California,O=Notary Project")
        #expect(pairs(name) == ["C=US", "ST=California", "O=Notary Project"])
        #expect(name.value(of: "ST") == "California")
        #expect(name.value(of: "S") == "California")
    }

    @Test func acceptsSemicolonSeparators() throws {
        #expect(pairs(try parsed("C=US;ST=WA;O=Acme")) == ["C=US", "ST=WA", "O=Acme"])
    }

    @Test func trimsSpacesAroundTypesAndValues() throws {
        let name = try parsed("   C  =  US  ,ST= WA ,  O =Acme Rockets  ")
        #expect(pairs(name) == ["C=US", "ST=WA", "O=Acme Rockets"])
    }

    @Test func trimsOnlySpacesNotOtherWhitespace() {
        // go-ldap trims U+0020 only, so the tab stays part of the type and C is missing.
        #expect(failure("\tC=US,ST=WA,O=Acme")?.kind == .missingAttribute("C"))
    }

    @Test func keepsEqualsSignsInsideValues() throws {
        #expect(try parsed("C=US,ST=WA,O=a=b").value(of: "O") == "a=b")
    }

    @Test func skipsTypesThatDecodeToNothingLikeGoLDAP() throws {
        // go-ldap leaves an empty type unset and takes the next "=" as the end of the type.
        #expect(pairs(try parsed(" =C=US,ST=WA,O=Acme")) == ["C=US", "ST=WA", "O=Acme"])
    }

    @Test func allowsOptionalAndCustomAttributes() throws {
        let name = try parsed("C=US,ST=WA,O=Acme,X=Y,1.2.3.4=z")
        #expect(name.value(of: "X") == "Y")
        #expect(name.value(of: "1.2.3.4") == "z")
    }

    @Test(arguments: [
        (#"O=Acme\, Inc."#, "Acme, Inc."),
        (#"O=a\;b"#, "a;b"),
        (#"O=back\\slash"#, #"back\slash"#),
        (#"O=\"quoted\""#, #""quoted""#),
        (#"O=a\+b"#, "a+b"),
        (#"O=a\=b"#, "a=b"),
        (#"O=\<tag\>"#, "<tag>"),
        (##"O=\#1"##, "#1"),
        (#"O=\ padded\ "#, " padded "),
        (#"O=Acme\ "#, "Acme "),
        (#"O=\41cme"#, "Acme"),
        (#"O=caf\c3\a9"#, "café"),
        (#"O=\00x"#, "\u{0}x"),
    ] as [(String, String)])
    func decodesEscapes(written: String, value: String) throws {
        #expect(try parsed("C=US,ST=WA,\(written)").value(of: "O") == value)
    }

    @Test func keepsGoLDAPsTrailingSpaceAfterAnEscapedBackslash() throws {
        // go-ldap v3.4.11 keeps one trailing space whenever the trimmed value ends in "\", even
        // when that backslash is itself escaped (fixed only in later go-ldap releases).
        #expect(try parsed(#"C=US,ST=WA,O=a\\ "#).value(of: "O") == #"a\ "#)
        #expect(try parsed(#"C=US,ST=WA,O=a\\"#).value(of: "O") == #"a\"#)
    }

    @Test func escapedSeparatorsDoNotSplit() {
        // `\,` keeps "US,ST=WA" one value of C, so ST is missing.
        #expect(failure(#"C=US\,ST=WA,O=Acme"#)?.kind == .missingAttribute("ST"))
    }

    @Test func comparesValuesCaseSensitively() throws {
        let upper = try parsed("C=US,ST=WA,O=Acme")
        let lower = try parsed("C=US,ST=WA,O=acme")
        #expect(upper != lower)
        #expect(!upper.isSubset(of: lower))
    }

    // MARK: Rejected names, in notation-go's order

    @Test func rejectsHexEncodedValues() {
        #expect(failure("C=US,ST=California,O=Notary Project=#") == DistinguishedNameError(.hexEncodedValue, at: 35))
        #expect(failure("C=#5553,ST=WA,O=Acme") == DistinguishedNameError(.hexEncodedValue, at: 1))
    }

    @Test func hexCheckComesBeforeParsing() {
        #expect(failure(",,,=#")?.kind == .hexEncodedValue)
    }

    @Test func rejectsIncompletePairs() {
        #expect(failure(",,,") == DistinguishedNameError(.malformed("incomplete type, value pair"), at: 0))
        #expect(failure("C=US,,O=x") == DistinguishedNameError(.malformed("incomplete type, value pair"), at: 5))
        #expect(failure("=US,ST=WA,O=x") == DistinguishedNameError(.malformed("incomplete type, value pair"), at: 3))
    }

    @Test func rejectsDanglingType() {
        #expect(failure("invalid") == DistinguishedNameError(.malformed("DN ended with incomplete type, value pair"), at: 0))
        #expect(failure("C=US,ST=WA,O=x,  ")
            == DistinguishedNameError(.malformed("DN ended with incomplete type, value pair"), at: 17))
        #expect(failure("C=US,ST=WA,O=x,  CN")
            == DistinguishedNameError(.malformed("DN ended with incomplete type, value pair"), at: 17))
    }

    @Test func rejectsBadEscapes() {
        #expect(failure(#"C=US,ST=WA,O=Acme\"#)
            == DistinguishedNameError(.malformed(#"got corrupted escaped character: 'Acme\'"#), at: 17))
        #expect(failure(#"C=US,ST=WA,O=\4"#)
            == DistinguishedNameError(.malformed("failed to decode escaped character: encoding/hex: invalid byte: 4"), at: 13))
        #expect(failure(#"C=US,ST=WA,O=a\zz"#)
            == DistinguishedNameError(
                .malformed("failed to decode escaped character: encoding/hex: invalid byte: U+007A 'z'"), at: 14))
        #expect(failure(#"C=US,ST=WA,O=a\4g"#)?.kind
            == .malformed("failed to decode escaped character: encoding/hex: invalid byte: U+0067 'g'"))
        #expect(failure(#"C=US,ST=WA,O=a\é1"#)?.kind == .malformed("failed to decode escaped character: invalid byte: é1"))
        #expect(failure(#"C=US,ST=WA,O=\C3"#)?.kind == .malformed("escaped bytes are not valid UTF-8"))
    }

    @Test func offsetsCountUnicodeScalars() {
        // "é" is two UTF-8 bytes but one scalar.
        #expect(failure(#"C=US,ST=WA,O=é\zz"#)?.offset == 14)
    }

    @Test func rejectsMultiValuedRDNs() {
        #expect(failure("C=US+ST=WA,O=x") == DistinguishedNameError(.multiValuedRDN, at: 4))
        #expect(failure("OU=Sales+CN=J.  Smith,DC=example,DC=net")?.kind == .multiValuedRDN)
    }

    @Test func parseErrorsComeBeforeMultiValuedRDNs() {
        #expect(failure("C=US+ST=WA,O=x,")?.kind == .malformed("DN ended with incomplete type, value pair"))
    }

    @Test func rejectsDuplicateAttributes() {
        #expect(failure("ST=WA,S=WA,C=US,O=x") == DistinguishedNameError(.duplicateAttribute("ST"), at: 6))
        #expect(failure("C=US,ST=California,O=Notary Project,S=California")?.kind == .duplicateAttribute("ST"))
        #expect(failure("C=US,ST=WA,O=a, O=b") == DistinguishedNameError(.duplicateAttribute("O"), at: 16))
        // Stricter than notation-go, which lets a repeat replace an earlier empty value.
        #expect(failure("O=,C=US,ST=WA,O=Acme")?.kind == .duplicateAttribute("O"))
    }

    @Test func attributeTypesAreCaseSensitive() {
        // `c` and `C` are different types, so these are not duplicates ...
        #expect((try? parsed("C=US,c=us,ST=WA,O=x")) != nil)
        // ... and lowercase mandatory types do not count.
        #expect(failure("c=US, st=WA, o=Acme") == DistinguishedNameError(.missingAttribute("C"), at: nil))
    }

    @Test func checksRDNsInWrittenOrder() {
        // notation-go checks multi-valued and duplicate RDN by RDN, so the earlier one wins.
        #expect(failure("C=US,C=UK+ST=x,O=y")?.kind == .multiValuedRDN)
        #expect(failure("C=US,C=UK,ST=a+O=b")?.kind == .duplicateAttribute("C"))
    }

    @Test func rejectsMissingMandatoryAttributesInOrder() {
        // notation e2e: the leading space is part of the DN text and is trimmed.
        #expect(failure(" CN=e2e,L=Seattle,ST=WA,C=US") == DistinguishedNameError(.missingAttribute("O"), at: nil))
        #expect(failure("O=Acme") == DistinguishedNameError(.missingAttribute("C"), at: nil))
        #expect(failure("C=US,O=Notary Project")?.kind == .missingAttribute("ST"))
        #expect(failure("C=US,ST=California")?.kind == .missingAttribute("O"))
        #expect(failure("")?.kind == .missingAttribute("C"))
        #expect(failure("  \t ")?.kind == .missingAttribute("C"))
    }

    @Test func emptyValuesCountAsMissing() {
        #expect(failure("C=,ST=WA,O=Acme")?.kind == .missingAttribute("C"))
        #expect(failure("C=US,ST=WA,O=   ")?.kind == .missingAttribute("O"))
    }

    @Test func duplicatesComeBeforeMissingAttributes() {
        #expect(failure("CN=a,CN=b")?.kind == .duplicateAttribute("CN"))
    }

    // MARK: Matching

    @Test func subsetMatchesWhenEveryAttributeIsInTheOther() throws {
        let trusted = try parsed("C=US, ST=WA, O=Acme")
        let leaf = try parsed("CN=builder, OU=CI, O=Acme, L=Seattle, ST=WA, C=US")
        #expect(trusted.isSubset(of: leaf))
        #expect(!leaf.isSubset(of: trusted))
        #expect(trusted.isSubset(of: trusted))
    }

    @Test func subsetFailsOnADifferentValue() throws {
        let trusted = try parsed("C=US, ST=WA, O=Acme, OU=Finance")
        #expect(!trusted.isSubset(of: try parsed("C=US, ST=WA, O=Acme, OU=Sales")))
        #expect(!trusted.isSubset(of: try parsed("C=US, ST=WA, O=Acme")))
    }

    @Test func subsetIgnoresAttributeOrder() throws {
        #expect(try parsed("O=Acme,ST=WA,C=US").isSubset(of: try parsed("C=US,ST=WA,O=Acme")))
    }

    @Test func subsetTreatsEmptyValuesLikeNotation() throws {
        // notation-go reads a missing key as "", so an empty OU matches a name without OU.
        let withEmptyOU = try parsed("C=US,ST=WA,O=Acme,OU=")
        #expect(withEmptyOU.isSubset(of: try parsed("C=US,ST=WA,O=Acme")))
        #expect(!withEmptyOU.isSubset(of: try parsed("C=US,ST=WA,O=Acme,OU=x")))
    }

    // MARK: Canonical form

    @Test func rendersCanonicalForm() throws {
        #expect(try parsed("  C = US;S=WA ,O=Acme").description == "C=US, ST=WA, O=Acme")
    }

    @Test(arguments: [
        #"C=US,ST=WA,O=Acme\, Inc."#,
        ##"C=US,ST=WA,O=\#1 \+ \"x\" \<y\> \; \\"##,
        #"C=US,ST=WA,O=\ lead and trail\ "#,
        ##"C=US,ST=WA,O=a\=\#b"##,
        #"C=US,ST=WA,O=nul\00 and tab\09"#,
        #"C=US,ST=WA,O=café"#,
    ])
    func canonicalFormParsesBackToTheSameName(text: String) throws {
        let name = try parsed(text)
        let rendered = name.description
        #expect(!rendered.contains("=#"))
        #expect(try parsed(rendered) == name)
    }

    @Test func canonicalFormEscapesHashAndEquals() throws {
        #expect(try parsed(##"C=US,ST=WA,O=\#1"##).description == ##"C=US, ST=WA, O=\#1"##)
        #expect(try parsed(##"C=US,ST=WA,O=a\=\#b"##).description == ##"C=US, ST=WA, O=a\=\#b"##)
    }
}
