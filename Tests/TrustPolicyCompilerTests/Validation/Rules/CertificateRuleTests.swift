import Foundation
import Testing
@testable import TrustPolicyCompiler

@Suite struct CertificateRuleTests {
    /// The baseline identity's certificate replaced by a fixture, marker 1️⃣ on its reference.
    static func certificate(_ fixture: String, _ name: String, expect expected: [(DiagnosticCode, String)],
                            today: CivilDate = PolicyFixture.today, mentions: [String] = [],
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) -> PolicyCase {
        PolicyCase(name, PolicyFixture.markedCertificate, certificates: ["identities/certs/root.pem": fixture],
                   today: today, expect: expected, mentions: mentions, sourceLocation: sourceLocation)
    }

    static func reference(_ file: String) -> [String: String?] {
        PolicyFixture.edit("identities/prod-build.yaml", ["- file: certs/root.pem": "- file: 1️⃣\(file)"])
    }

    static func timestampAuthority(_ fixture: String) -> [String: String?] {
        PolicyFixture.edit("identities/prod-build.yaml", [
            "  certificates:\n    - file: certs/root.pem": "  certificates:\n    - file: certs/root.pem\n  timestampAuthority:\n    file: 1️⃣certs/tsa.pem",
        ])
    }

    static let cases: [PolicyCase] = [
        PolicyCase("certificate file that does not exist", reference("certs/missing.pem"),
                   expect: [(.certificateFileMissing, "1️⃣")]),
        PolicyCase("path relative to the policy directory instead of the file", reference("identities/certs/root.pem"),
                   expect: [(.certificateFileMissing, "1️⃣")], mentions: ["relative to the file that names them"]),
        PolicyCase("certificate path that climbs out of the policy directory", reference("../../../etc/hostname"),
                   expect: [(.pathOutsidePolicyDirectory, "1️⃣")]),
        PolicyCase("absolute certificate path", reference("/etc/hostname"),
                   expect: [(.pathOutsidePolicyDirectory, "1️⃣")]),
        PolicyCase("certificate that is a link leading outside", reference("certs/link.pem"), prepare: { fixture in
            try FileManager.default.createSymbolicLink(atPath: fixture.root.appendingPathComponent("identities/certs/link.pem").path,
                                                       withDestinationPath: PolicyFixture.certificates.appendingPathComponent("valid-root.pem").path)
        }, expect: [(.pathOutsidePolicyDirectory, "1️⃣")]),
        PolicyCase("certificate that is a link inside the directory", reference("certs/link.pem"), prepare: { fixture in
            try FileManager.default.createSymbolicLink(atPath: fixture.root.appendingPathComponent("identities/certs/link.pem").path,
                                                       withDestinationPath: "root.pem")
        }, expect: []),
        PolicyCase("certificate path that is a directory", reference("certs"),
                   expect: [(.unreadableFile, "1️⃣")]),
        PolicyCase("certificate file larger than the limit", reference("certs/huge.pem"), prepare: { fixture in
            try fixture.write(Data(count: LoaderLimits.default.maxCertificateBytes + 1), to: "identities/certs/huge.pem")
        }, expect: [(.fileTooLarge, "1️⃣")]),
        certificate("garbage.pem", "file that is not PEM", expect: [(.certificateUnparseable, "1️⃣")]),
        certificate("truncated.pem", "truncated PEM", expect: [(.certificateUnparseable, "1️⃣")], mentions: ["truncated"]),
        certificate("private-key.pem", "file with only a private key", expect: [(.privateKeyInFile, "1️⃣")]),
        certificate("cert-and-key.pem", "certificate with its private key", expect: [(.privateKeyInFile, "1️⃣")]),
        certificate("two-certificates.pem", "two certificates in one file", expect: [(.multipleCertificatesInFile, "1️⃣")]),
        certificate("der-root.pem", "DER certificate", expect: [(.certificateIsDER, "1️⃣")]),
        certificate("leaf-not-ca.pem", "end-entity certificate", expect: [(.certificateNotCA, "1️⃣")]),
        certificate("intermediate-ca.pem", "intermediate CA", expect: []),
        certificate("expired-root.pem", "expired certificate, the only one",
                    expect: [(.certificateExpired, "1️⃣"), (.noValidCertificate, "1️⃣")]),
        certificate("expiring-root.pem", "certificate expiring within 30 days", expect: [(.certificateExpiresSoon, "1️⃣")],
                    mentions: ["in 15 days"]),
        certificate("expiring-root.pem", "certificate expiring after the warning period", expect: [],
                    today: CivilDate(year: 2026, month: 11, day: 9)!),
        certificate("expiring-root.pem", "certificate expiring tomorrow", expect: [(.certificateExpiresSoon, "1️⃣")],
                    today: CivilDate(year: 2026, month: 12, day: 9)!, mentions: ["in 1 day"]),
        certificate("expiring-root.pem", "certificate expiring today is still valid", expect: [(.certificateExpiresSoon, "1️⃣")],
                    today: CivilDate(year: 2026, month: 12, day: 10)!, mentions: ["in 0 days"]),
        certificate("expiring-root.pem", "certificate expired yesterday",
                    expect: [(.certificateExpired, "1️⃣"), (.noValidCertificate, "1️⃣")],
                    today: CivilDate(year: 2026, month: 12, day: 11)!),
        PolicyCase("expiry warning period is the organisation's", PolicyFixture.edits(
            PolicyFixture.markedCertificate,
            PolicyFixture.edit("organization.yaml", ["platformTeam: platform": "platformTeam: platform\n  certificateExpiryWarningDays: 10"])
        ), certificates: ["identities/certs/root.pem": "expiring-root.pem"], expect: []),
        certificate("not-yet-valid-root.pem", "certificate not valid yet",
                    expect: [(.certificateNotYetValid, "1️⃣"), (.noValidCertificate, "1️⃣")]),
        PolicyCase("expired certificate next to a valid one", PolicyFixture.edit("identities/prod-build.yaml", [
            "- file: certs/root.pem": "- file: 1️⃣certs/old.pem\n    - file: certs/root.pem",
        ]), certificates: ["identities/certs/old.pem": "expired-root.pem"], expect: [(.certificateExpired, "1️⃣")]),
        PolicyCase("the same certificate listed twice", PolicyFixture.edit("identities/prod-build.yaml", [
            "- file: certs/root.pem": "- file: certs/root.pem\n    - file: 1️⃣certs/copy.pem",
        ]), certificates: ["identities/certs/copy.pem": "valid-root.pem"], expect: [(.duplicateCertificate, "1️⃣")]),
        PolicyCase("timestamp authority that is not a root", timestampAuthority("tsa-not-root.pem"),
                   certificates: ["identities/certs/tsa.pem": "tsa-not-root.pem"], expect: [(.timestampAuthorityNotRoot, "1️⃣")]),
        PolicyCase("timestamp authority root", timestampAuthority("tsa-root.pem"),
                   certificates: ["identities/certs/tsa.pem": "tsa-root.pem"], expect: []),
        PolicyCase("expired timestamp authority", timestampAuthority("expired-root.pem"),
                   certificates: ["identities/certs/tsa.pem": "expired-root.pem"], expect: [(.certificateExpired, "1️⃣")]),
    ]

    @Test(arguments: cases) func reports(_ example: PolicyCase) throws {
        try example.check()
    }
}
