import Crypto
import Foundation
import SwiftASN1
import Testing
import X509
@testable import TrustPolicyCompiler

/// Certificates are made here with swift-certificates, so every case is explicit about what the
/// file holds.
@Suite struct CertificateInspectorTests {
    // 2026-01-01T00:00:00Z and 2036-01-01T00:00:00Z: whole seconds, so dates compare exactly.
    static let validFrom = Date(timeIntervalSince1970: 1_767_225_600)
    static let validUntil = Date(timeIntervalSince1970: 2_082_758_400)

    struct Issued: Sendable {
        var certificate: Certificate
        var key: Certificate.PrivateKey

        var der: [UInt8] {
            var serializer = DER.Serializer()
            try! serializer.serialize(certificate)
            return serializer.serializedBytes
        }

        var pem: String { try! certificate.serializeAsPEM().pemString + "\n" }
    }

    static func name(_ commonName: String) -> X509.DistinguishedName {
        try! X509.DistinguishedName {
            CountryName("US")
            StateOrProvinceName("WA")
            OrganizationName("Acme")
            CommonName(commonName)
        }
    }

    static func issue(
        _ commonName: String,
        isCA: Bool,
        by issuer: Issued? = nil,
        issuerName: X509.DistinguishedName? = nil,
        signingKey: P256.Signing.PrivateKey? = nil,
        notValidBefore: Date = validFrom,
        notValidAfter: Date = validUntil
    ) -> Issued {
        let key = P256.Signing.PrivateKey()
        let extensions = try! Certificate.Extensions {
            if isCA {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                KeyUsage(keyCertSign: true)
            } else {
                Critical(BasicConstraints.notCertificateAuthority)
                KeyUsage(digitalSignature: true)
            }
        }
        let certificate = try! Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: notValidBefore,
            notValidAfter: notValidAfter,
            issuer: issuerName ?? issuer?.certificate.subject ?? name(commonName),
            subject: name(commonName),
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: signingKey.map(Certificate.PrivateKey.init) ?? issuer?.key ?? Certificate.PrivateKey(key)
        )
        return Issued(certificate: certificate, key: Certificate.PrivateKey(key))
    }

    static let root = issue("Acme Root", isCA: true)
    static let intermediate = issue("Acme Signing CA", isCA: true, by: root)
    static let leaf = issue("builder", isCA: false, by: intermediate)

    private func inspect(_ text: String) -> CertificateFileInspection {
        CertificateInspector.inspect(Array(text.utf8))
    }

    private func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { ($0 < 0x10 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    // MARK: Certificates

    @Test func readsARootCA() throws {
        let root = Self.root
        let inspection = inspect(root.pem)
        #expect(inspection.problems == [])
        let certificate = try #require(inspection.certificates.first)
        #expect(inspection.certificates.count == 1)
        #expect(certificate.subject == "CN=Acme Root,O=Acme,ST=WA,C=US")
        #expect(certificate.issuer == certificate.subject)
        #expect(certificate.isCA)
        #expect(certificate.isSelfSigned)
        #expect(certificate.der == root.der)
        #expect(certificate.notValidBefore == 1_767_225_600)
        #expect(certificate.notValidAfter == 2_082_758_400)
        #expect(certificate.validFrom == CivilDate(year: 2026, month: 1, day: 1))
        #expect(certificate.validUntil == CivilDate(year: 2036, month: 1, day: 1))
    }

    @Test func fingerprintIsLowercaseHexSHA256OfTheDER() throws {
        let certificate = try #require(inspect(Self.root.pem).certificates.first)
        #expect(certificate.sha256Fingerprint == hex(SHA256.hash(data: Self.root.der)))
        #expect(certificate.sha256Fingerprint.count == 64)
        #expect(certificate.sha256Fingerprint == certificate.sha256Fingerprint.lowercased())
        let other = try #require(inspect(Self.intermediate.pem).certificates.first)
        #expect(other.sha256Fingerprint != certificate.sha256Fingerprint)
    }

    @Test func readsAnIntermediateCA() throws {
        let certificate = try #require(inspect(Self.intermediate.pem).certificates.first)
        #expect(certificate.isCA)
        #expect(!certificate.isSelfSigned)
        #expect(certificate.subject == "CN=Acme Signing CA,O=Acme,ST=WA,C=US")
        #expect(certificate.issuer == "CN=Acme Root,O=Acme,ST=WA,C=US")
    }

    @Test func readsANonCALeaf() throws {
        let certificate = try #require(inspect(Self.leaf.pem).certificates.first)
        #expect(!certificate.isCA)
        #expect(!certificate.isSelfSigned)
        #expect(certificate.issuer == "CN=Acme Signing CA,O=Acme,ST=WA,C=US")
    }

    @Test func selfSignedLeafIsSelfSignedButNotCA() throws {
        let certificate = try #require(inspect(Self.issue("signer", isCA: false).pem).certificates.first)
        #expect(!certificate.isCA)
        #expect(certificate.isSelfSigned)
    }

    @Test func matchingNamesAreNotEnoughToBeSelfSigned() throws {
        // Subject == issuer, but another key signed it.
        let forged = Self.issue("Acme Root", isCA: true, issuerName: Self.name("Acme Root"), signingKey: P256.Signing.PrivateKey())
        let certificate = try #require(inspect(forged.pem).certificates.first)
        #expect(certificate.subject == certificate.issuer)
        #expect(!certificate.isSelfSigned)
    }

    @Test func signatureFromTheIssuerIsNotSelfSigned() throws {
        // Signed by its own key, but the issuer name differs.
        let key = P256.Signing.PrivateKey()
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: Self.validFrom, notValidAfter: Self.validUntil,
            issuer: Self.name("Someone Else"), subject: Self.name("Me"),
            signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions(), issuerPrivateKey: .init(key))
        let pem = try certificate.serializeAsPEM().pemString
        #expect(try #require(inspect(pem).certificates.first).isSelfSigned == false)
    }

    @Test func readsAnExpiredCertificate() throws {
        let expired = Self.issue(
            "old", isCA: true,
            notValidBefore: Date(timeIntervalSince1970: 1_577_836_800),  // 2020-01-01
            notValidAfter: Date(timeIntervalSince1970: 1_609_545_599))  // 2021-01-01T23:59:59Z
        let certificate = try #require(inspect(expired.pem).certificates.first)
        #expect(certificate.validFrom.description == "2020-01-01")
        #expect(certificate.validUntil.description == "2021-01-01")
        #expect(certificate.notValidAfter == 1_609_545_599)
    }

    @Test func certificateWithoutBasicConstraintsIsNotCA() throws {
        let key = P256.Signing.PrivateKey()
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: Self.validFrom, notValidAfter: Self.validUntil,
            issuer: Self.name("plain"), subject: Self.name("plain"),
            signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions(), issuerPrivateKey: .init(key))
        let inspected = try #require(inspect(try certificate.serializeAsPEM().pemString).certificates.first)
        #expect(!inspected.isCA)
        #expect(inspected.isSelfSigned)
    }

    @Test func normalisesPEM() throws {
        // CRLF endings, 76-character lines, indentation and text around the block.
        let base64 = Data(Self.root.der).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let messy = "subject=CN=Acme Root\r\n  -----BEGIN CERTIFICATE-----  \r\n\(base64)\r\n-----END CERTIFICATE-----\r\ntrailing words\r\n"
        let inspection = inspect(messy)
        #expect(inspection.problems == [])
        let certificate = try #require(inspection.certificates.first)
        #expect(certificate.der == Self.root.der)
        #expect(certificate.pem == Self.root.pem)
        let lines = certificate.pem.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "-----BEGIN CERTIFICATE-----")
        #expect(lines.dropLast().last == "-----END CERTIFICATE-----")
        #expect(lines.last == "")
        #expect(lines.dropFirst().dropLast(2).allSatisfy { $0.count <= 64 })
        #expect(lines.dropFirst().dropLast(3).allSatisfy { $0.count == 64 })
    }

    @Test func acceptsAByteOrderMark() throws {
        let inspection = CertificateInspector.inspect([0xEF, 0xBB, 0xBF] + Array(Self.root.pem.utf8))
        #expect(inspection.problems == [])
        #expect(inspection.certificates.count == 1)
    }

    // MARK: Problems

    @Test(arguments: ["", " ", "\n\n", " \t\r\n "])
    func reportsEmptyFiles(text: String) {
        let inspection = inspect(text)
        #expect(inspection.problems == [.empty])
        #expect(inspection.certificates.isEmpty)
    }

    @Test func readsDERButReportsIt() throws {
        let inspection = CertificateInspector.inspect(Self.root.der)
        #expect(inspection.problems == [.der])
        let certificate = try #require(inspection.certificates.first)
        #expect(certificate.der == Self.root.der)
        #expect(certificate.pem == Self.root.pem)
        #expect(certificate.isCA)
    }

    @Test func readsConcatenatedDER() throws {
        let inspection = CertificateInspector.inspect(Self.leaf.der + Self.intermediate.der)
        #expect(inspection.problems == [.der, .multipleCertificates(count: 2)])
        #expect(inspection.certificates.map(\.der) == [Self.leaf.der, Self.intermediate.der])
    }

    @Test func derWithTrailingBytesIsNotACertificateFile() {
        #expect(CertificateInspector.inspect(Self.root.der + [0x0A]).problems == [.notPEM])
    }

    @Test func derThatIsNotACertificateIsNotPEM() {
        let publicKey = Array(P256.Signing.PrivateKey().publicKey.derRepresentation)
        #expect(CertificateInspector.inspect(publicKey).problems == [.notPEM])
    }

    @Test(arguments: ["hello world\n", "apiVersion: trustc/v1\nkind: Identity\n", "\u{0}\u{0}\u{0}"])
    func reportsFilesThatAreNeitherPEMNorDER(text: String) {
        let inspection = inspect(text)
        #expect(inspection.problems == [.notPEM])
        #expect(inspection.certificates.isEmpty)
    }

    @Test func reportsAMissingEndLine() {
        let pem = Self.root.pem.replacingOccurrences(of: "-----END CERTIFICATE-----\n", with: "")
        let inspection = inspect(pem)
        #expect(inspection.problems == [.truncated])
        #expect(inspection.certificates.isEmpty)
    }

    @Test func reportsAMissingBeginLine() {
        let pem = Self.root.pem.replacingOccurrences(of: "-----BEGIN CERTIFICATE-----\n", with: "")
        #expect(inspect(pem).problems == [.truncated])
    }

    @Test func reportsAMismatchedEndLine() {
        let pem = Self.root.pem.replacingOccurrences(of: "END CERTIFICATE", with: "END PUBLIC KEY")
        #expect(inspect(pem).problems == [.truncated])
    }

    @Test func reportsACutOffBodyAsUnparseableWhenTheBase64StillDecodes() {
        // Whole 64-character lines lost: the base64 decodes, the DER inside is cut short.
        let lines = Self.root.pem.split(separator: "\n")
        let cut = lines.dropLast(2).joined(separator: "\n") + "\n-----END CERTIFICATE-----\n"
        let inspection = inspect(cut)
        #expect(inspection.certificates.isEmpty)
        guard inspection.problems.count == 1, case .unparseable = inspection.problems[0] else {
            Issue.record("expected one unparseable problem, got \(inspection.problems)")
            return
        }
    }

    @Test func reportsACutOffBodyAsTruncatedWhenTheBase64DoesNotDecode() {
        // Three characters lost from the last line leave base64 whose length is not a multiple of 4.
        let pem = Self.root.pem
        let end = pem.range(of: "\n-----END")!.lowerBound
        let cut = String(pem[..<pem.index(end, offsetBy: -3)]) + String(pem[end...])
        #expect(inspect(cut).problems == [.truncated])
    }

    @Test func reportsBase64ThatDoesNotDecode() {
        let pem = Self.root.pem.replacingOccurrences(of: "-----BEGIN CERTIFICATE-----\n", with: "-----BEGIN CERTIFICATE-----\n!!!!")
        #expect(inspect(pem).problems == [.truncated])
        #expect(inspect("-----BEGIN CERTIFICATE-----\nMII\u{e9}\n-----END CERTIFICATE-----\n").problems == [.truncated])
    }

    @Test func reportsPrivateKeys() {
        let key = P256.Signing.PrivateKey().pemRepresentation
        #expect(key.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(inspect(key).problems == [.privateKey(label: "PRIVATE KEY")])
        for label in ["RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"] {
            let block = "-----BEGIN \(label)-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END \(label)-----\n"
            #expect(inspect(block).problems == [.privateKey(label: label)])
        }
    }

    @Test func stillReadsTheCertificateNextToAPrivateKey() throws {
        let inspection = inspect(Self.leaf.pem + P256.Signing.PrivateKey().pemRepresentation + "\n")
        #expect(inspection.problems == [.privateKey(label: "PRIVATE KEY")])
        #expect(inspection.certificates.count == 1)
    }

    @Test func reportsOtherBlocks() throws {
        let publicKey = P256.Signing.PrivateKey().publicKey.pemRepresentation
        #expect(inspect(publicKey).problems == [.unexpectedBlock(label: "PUBLIC KEY")])

        let key = P256.Signing.PrivateKey()
        let request = try CertificateSigningRequest(
            version: .v1, subject: Self.name("req"), privateKey: .init(key),
            attributes: CertificateSigningRequest.Attributes(), signatureAlgorithm: .ecdsaWithSHA256)
        let requestPEM = try request.serializeAsPEM().pemString
        #expect(inspect(requestPEM).problems == [.unexpectedBlock(label: "CERTIFICATE REQUEST")])

        let x509Label = Self.root.pem.replacingOccurrences(of: " CERTIFICATE-----", with: " X509 CERTIFICATE-----")
        #expect(inspect(x509Label).problems == [.unexpectedBlock(label: "X509 CERTIFICATE")])
    }

    @Test func reportsMultipleCertificatesInFileOrder() throws {
        let inspection = inspect(Self.leaf.pem + Self.intermediate.pem + Self.root.pem)
        #expect(inspection.problems == [.multipleCertificates(count: 3)])
        #expect(inspection.certificates.map(\.der) == [Self.leaf.der, Self.intermediate.der, Self.root.der])
    }

    @Test func reportsUnparseableCertificateBlocks() throws {
        let notACertificate = Data("hello, world".utf8).base64EncodedString()
        let inspection = inspect("-----BEGIN CERTIFICATE-----\n\(notACertificate)\n-----END CERTIFICATE-----\n")
        #expect(inspection.certificates.isEmpty)
        #expect(inspection.problems.count == 1)
        guard case .unparseable(let reason) = try #require(inspection.problems.first) else {
            Issue.record("expected unparseable, got \(inspection.problems)")
            return
        }
        #expect(!reason.isEmpty)
        #expect(!reason.contains(".swift:"))
        #expect(!reason.hasPrefix("ASN1Error."))
    }

    @Test func reportsEveryProblemInFileOrder() {
        let text = P256.Signing.PrivateKey().pemRepresentation + "\n"
            + Self.root.pem
            + P256.Signing.PrivateKey().publicKey.pemRepresentation + "\n"
            + Self.leaf.pem
            + "-----BEGIN CERTIFICATE-----\nAAAA\n"
        let inspection = inspect(text)
        #expect(inspection.problems == [
            .privateKey(label: "PRIVATE KEY"),
            .unexpectedBlock(label: "PUBLIC KEY"),
            .truncated,
            .multipleCertificates(count: 2),
        ])
        #expect(inspection.certificates.map(\.der) == [Self.root.der, Self.leaf.der])
    }

    @Test func readableReasonDropsTypeAndSourceLocation() {
        let error = ASN1Error.invalidASN1Object(reason: "bad thing")
        #expect(CertificateInspector.readableReason(error) == "bad thing")
    }

    // MARK: Hostile input

    @Test func survivesRandomBytes() {
        var generator = SeededGenerator(seed: 42)
        for length in [1, 2, 3, 7, 64, 1000, 65_536] {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                let inspection = CertificateInspector.inspect(bytes)
                #expect(!inspection.problems.isEmpty)
                #expect(inspection.certificates.isEmpty)
            }
        }
    }

    @Test func survivesMutatedCertificates() {
        // Flip bytes of a real DER certificate: whatever comes out, nothing traps.
        var generator = SeededGenerator(seed: 7)
        let der = Self.root.der
        for _ in 0..<500 {
            var bytes = der
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            let inspection = CertificateInspector.inspect(bytes)
            #expect(!inspection.problems.isEmpty)
            let pem = "-----BEGIN CERTIFICATE-----\n\(Data(bytes).base64EncodedString())\n-----END CERTIFICATE-----\n"
            _ = inspect(pem)
        }
    }

    @Test func survivesNonUTF8AndNULBytes() {
        let bytes: [UInt8] = Array("-----BEGIN \u{0}\u{FF}-----\n".utf8) + [0xFF, 0xFE, 0x00, 0x0A]
            + Array("-----END \u{0}\u{FF}-----\n".utf8)
        #expect(CertificateInspector.inspect(bytes).problems == [.unexpectedBlock(label: "\u{0}\u{FF}")])
        let invalidUTF8Label: [UInt8] = Array("-----BEGIN ".utf8) + [0xC3, 0x28] + Array("-----\n".utf8)
        #expect(CertificateInspector.inspect(invalidUTF8Label).problems == [.truncated])
    }

    @Test(.timeLimit(.minutes(1)))
    func staysLinearOnHugeInputs() {
        // 2 MB of base64 in one block (twice LoaderLimits.maxCertificateBytes; quadratic work would
        // still take minutes).
        let huge = "-----BEGIN CERTIFICATE-----\n" + String(repeating: "QUFB", count: 500_000) + "\n-----END CERTIFICATE-----\n"
        let inspection = inspect(huge)
        #expect(inspection.certificates.isEmpty)
        #expect(inspection.problems.count == 1)

        // 25,000 BEGIN lines, none closed.
        let begins = String(repeating: "-----BEGIN CERTIFICATE-----\n", count: 25_000)
        #expect(inspect(begins).problems == Array(repeating: .truncated, count: 25_000))

        // A single enormous marker-like line keeps its label short.
        let longLabel = "-----BEGIN " + String(repeating: "X", count: 250_000) + "-----\nAAAA\n-----END "
            + String(repeating: "X", count: 250_000) + "-----\n"
        guard case .unexpectedBlock(let label) = inspect(longLabel).problems.first else {
            Issue.record("expected an unexpected block")
            return
        }
        #expect(label.count <= PEMSection.maximumLabelLength + 1)
    }
}
