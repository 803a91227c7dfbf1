import Testing
@testable import TrustPolicyCompiler

/// Names as Go's `pkix.Name.String()` prints them in `issuedTo`/`issuedBy`, read with the same
/// parser as Notation's subjects, and matched against `spec.subject` attribute by attribute.
@Suite struct CertificateNameTests {
    static func name(_ text: String) throws -> CertificateName {
        try CertificateName.parse(text).get()
    }

    /// The values of attribute `type`, in written order.
    static func values(_ name: CertificateName, _ type: String) -> [String] {
        name.attributes.filter { $0.type == type }.map(\.value)
    }

    static func subject(_ text: String) throws -> DistinguishedName {
        try DistinguishedName.parse(text).get()
    }

    @Test func readsGoEscapesMultiValuedRDNsAndHexValues() throws {
        let name = try Self.name(##"CN=\#leading hash\ ,OU=Microsoft America Operations+OU=Thales TSS ESN:45D6,O=Acme\, Inc.,L=a\+b\;c\<d\>e\"f\\g=h,ST=WA,C=US,1.2.840.113549.1.9.1=#160f6a6f6540616d652e6578616d706c65"##)
        #expect(Self.values(name, "CN") == ["#leading hash "])
        #expect(Self.values(name, "OU") == ["Microsoft America Operations", "Thales TSS ESN:45D6"])
        #expect(Self.values(name, "O") == ["Acme, Inc."])
        #expect(Self.values(name, "L") == [#"a+b;c<d>e"f\g=h"#])
        #expect(Self.values(name, "ST") == ["WA"])
        #expect(Self.values(name, "1.2.840.113549.1.9.1") == ["#160f6a6f6540616d652e6578616d706c65"])
        #expect(name.attributes.count == 8)
        // Notation's own parser refuses the same text: multi-valued RDNs and `=#` are not subjects.
        #expect(throws: DistinguishedNameError.self) { try DistinguishedName.parse(name.text).get() }
    }

    @Test func matchesLikeNotation() throws {
        let leaf = try Self.name("CN=prod-build.contoso.com,OU=Production Build,O=Contoso,L=Redmond,ST=WA,C=US")
        // Every attribute of the subject, in any order, with extra attributes in the leaf.
        #expect(leaf.satisfies(try Self.subject("C=US, ST=WA, O=Contoso, OU=Production Build")))
        #expect(leaf.satisfies(try Self.subject("C=US, S=WA, L=Redmond, O=Contoso, OU=Production Build, CN=prod-build.contoso.com")))
        // A value that differs (case included) or an attribute the leaf lacks does not match.
        #expect(!leaf.satisfies(try Self.subject("C=US, ST=WA, O=contoso")))
        #expect(!leaf.satisfies(try Self.subject("C=US, ST=WA, O=Contoso, OU=Payments Release")))
        #expect(!leaf.satisfies(try Self.subject("C=US, ST=WA, O=Contoso, STREET=Main")))
        // One value of a multi-valued attribute is enough.
        let grouped = try Self.name("OU=a+OU=b,O=Contoso,ST=WA,C=US")
        #expect(grouped.satisfies(try Self.subject("C=US, ST=WA, O=Contoso, OU=b")))
    }

    @Test(arguments: ["CN", "CN=a,", "CN=a\\", "CN=a,=b"])
    func refusesWhatIsNoName(text: String) {
        #expect(throws: DistinguishedNameError.self) { try CertificateName.parse(text).get() }
    }
}
