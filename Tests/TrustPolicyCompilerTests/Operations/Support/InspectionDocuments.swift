import Foundation
@testable import TrustPolicyCompiler

/// `notation inspect -o json` documents for tests, built the way notation prints them and
/// anchored in certificates a compiled source really holds: the trust-store certificate's
/// fingerprint is the source's, the leaf and intermediate are labelled stand-ins.
struct TestCertificate {
    var fingerprint: String
    var issuedTo: String
    var issuedBy: String
    var expiry = "2028-01-01T00:00:00Z"

    var json: JSONValue {
        .object(["SHA256Fingerprint": .string(fingerprint), "issuedTo": .string(issuedTo), "issuedBy": .string(issuedBy),
                 "expiry": .string(expiry)])
    }
}

struct TestSignature {
    var chain: [TestCertificate]
    var scheme = "notary.x509"
    var digest: String?
    var signingTime = "2026-11-02T10:15:00Z"
    var expiry: String?
    /// `[lower, upper]` and the timestamp authority's chain.
    var timestamp: (range: String, chain: [TestCertificate])?
    var timestampError: String?
    var artifact: String?

    func json(v2: Bool) -> JSONValue {
        var signed: [JSONValue.Member] = []
        if let expiry { signed.append(.init("expiry", .string(expiry))) }
        signed += [.init("signingScheme", .string(scheme)), .init("signingTime", .string(signingTime))]
        var unsigned: [JSONValue.Member] = [.init("signingAgent", .string("notation-go/1.3.2"))]
        if let timestamp {
            unsigned.append(.init("timestampSignature", .object(["timestamp": .string(timestamp.range),
                                                                 "certificates": .array(timestamp.chain.map(\.json))])))
        } else if let timestampError {
            unsigned.append(.init("timestampSignature", .object(["error": .string(timestampError)])))
        }
        var members: [JSONValue.Member] = v2 ? [] : [.init("mediaType", .string("application/jose+json"))]
        if let digest { members.append(.init("digest", .string(digest))) }
        members.append(.init("signatureAlgorithm", .string("ECDSA-SHA-384")))
        if v2 { members.append(.init("signatureEnvelopeType", .string("application/jose+json"))) }
        members += [
            .init("signedAttributes", .object(signed)),
            .init("userDefinedAttributes", .null),
            .init("unsignedAttributes", .object(unsigned)),
            .init("certificates", .array(chain.map(\.json))),
            .init("signedArtifact", .object([
                "mediaType": .string("application/vnd.oci.image.manifest.v1+json"),
                "digest": artifact.map(JSONValue.string), "size": .integer(1578),
            ])),
        ]
        return .object(members)
    }
}

enum InspectionDocument {
    /// One inventory line (compact), with `reference` when given; notation 1.x's shape
    /// (`Signatures`) unless `v2`.
    static func line(reference: String?, _ signatures: [TestSignature], v2: Bool = false) -> String {
        var members: [JSONValue.Member] = [
            .init("mediaType", .string("application/vnd.oci.image.manifest.v1+json")),
            .init(v2 ? "signatures" : "Signatures", .array(signatures.map { $0.json(v2: v2) })),
        ]
        if let reference { members.append(.init("reference", .string(reference))) }
        return JSONValue.object(members).compact()
    }

    /// A chain as a signature of `identity` carries it: a leaf (with the identity's subject
    /// unless `leafSubject`), an intermediate, and the identity's trust-store certificate at
    /// `root` (the last one by default).
    static func chain(_ identity: ResolvedIdentity, root: Int? = nil, leafSubject: String? = nil,
                      leafExpiry: String = "2028-01-01T00:00:00Z") -> [TestCertificate] {
        let anchor = identity.certificates[root ?? identity.certificates.count - 1].certificate
        let issuing = "CN=\(identity.name) Issuing CA,O=Test,ST=WA,C=US"
        return [
            TestCertificate(fingerprint: fingerprint("\(identity.name)/\(root ?? -1)/leaf"),
                            issuedTo: leafSubject ?? goName(identity.identity.subject.value), issuedBy: issuing, expiry: leafExpiry),
            TestCertificate(fingerprint: fingerprint("\(identity.name)/\(root ?? -1)/issuing"), issuedTo: issuing,
                            issuedBy: anchor.subject, expiry: "2033-01-01T00:00:00Z"),
            TestCertificate(fingerprint: anchor.sha256Fingerprint, issuedTo: anchor.subject, issuedBy: anchor.issuer,
                            expiry: "2035-01-01T00:00:00Z"),
        ]
    }

    /// A chain under a root no source knows.
    static func unknownChain(leafSubject: String = "CN=ci.example.org,O=Example,ST=CA,C=US") -> [TestCertificate] {
        [TestCertificate(fingerprint: fingerprint("unknown/leaf"), issuedTo: leafSubject, issuedBy: "CN=Example Root,O=Example,ST=CA,C=US"),
         TestCertificate(fingerprint: fingerprint("unknown/root"), issuedTo: "CN=Example Root,O=Example,ST=CA,C=US",
                         issuedBy: "CN=Example Root,O=Example,ST=CA,C=US", expiry: "2035-01-01T00:00:00Z")]
    }

    /// `C=US, ST=WA, O=X, CN=y` as Go prints it (`CN=y,O=X,ST=WA,C=US`); for the simple subjects
    /// of the tests (no escapes).
    static func goName(_ subject: String) -> String {
        subject.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.reversed().joined(separator: ",")
    }

    /// 64 lowercase hex digits derived from `label`.
    static func fingerprint(_ label: String) -> String {
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        var hex = ""
        for round in 0..<4 {
            for byte in (label + "#\(round)").utf8 {
                state = (state ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            hex += String(state, radix: 16).leftPadded(16)
        }
        return hex
    }

    /// `sha256:` and a fingerprint of `label`.
    static func digest(_ label: String) -> String { "sha256:" + fingerprint(label) }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
