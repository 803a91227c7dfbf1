import Foundation
import Testing
@testable import TrustPolicyCompiler

/// `trustc certs`: the inventory of the sample and one policy per warning kind, each with the
/// certificates and `--now` that cause exactly that warning.
@Suite struct CertificateInventoryTests {
    /// The baseline's identity with `certificates` (files under `identities/certs/`) and an
    /// optional timestamp authority.
    static func identity(_ certificates: [String], timestampAuthority: String? = nil) -> String {
        let listed = certificates.map { "    - file: certs/\($0)" }.joined(separator: "\n")
        return PolicyFixture.baseline["identities/prod-build.yaml"]!
            .replacingOccurrences(of: "    - file: certs/root.pem", with: listed)
            + (timestampAuthority.map { "\n  timestampAuthority: { file: certs/\($0) }" } ?? "")
    }

    /// The report of the baseline whose identity trusts the fixtures `certificates` (and a
    /// timestamp authority), counted from `now`.
    static func report(_ certificates: [String], timestampAuthority: String? = nil, now: String) throws -> CertificateReport {
        var files: [String: String] = [:]
        for name in certificates + [timestampAuthority].compactMap({ $0 }) { files["identities/certs/\(name)"] = name }
        let fixture = try PolicyFixture(["identities/prod-build.yaml": identity(certificates, timestampAuthority: timestampAuthority)],
                                        certificates: files)
        defer { fixture.remove() }
        let request = CompilerDriver.CertsRequest(directory: fixture.root.path, options: .init(today: CivilDate(parsing: now)!))
        switch try CompilerDriver.certs(request) {
        case .listed(let report): return report
        case .sourceHasErrors(let compilation):
            Issue.record("unexpected errors: \(compilation.diagnostics.filter { $0.severity == .error })")
            throw CancellationError()
        }
    }

    static func kinds(_ report: CertificateReport) -> [CertificateWarning.Kind] { report.warnings.map(\.kind) }

    @Test func noWarningForOneLongLivedCertificate() throws {
        #expect(Self.kinds(try Self.report(["valid-root.pem"], now: "2026-11-25")) == [])
    }

    @Test func expiringWithinTheWarningDays() throws {
        let report = try Self.report(["valid-root.pem"], now: "2034-12-20")
        #expect(Self.kinds(report) == [.expiring])
        #expect(report.certificates.map(\.daysLeft) == [12])
        #expect(report.warnings[0].message.contains("in 12 days"))
        // One day past the 30 warning days: nothing.
        #expect(Self.kinds(try Self.report(["valid-root.pem"], now: "2034-12-01")) == [])
    }

    @Test func expiredCertificateIsListedAndWarnedAbout() throws {
        let report = try Self.report(["valid-root.pem", "expired-root.pem"], now: "2026-11-25")
        #expect(Self.kinds(report) == [.expired])
        #expect(report.certificates.first?.daysLeft == -2154)
        #expect(report.certificates.first?.certificate.subject.contains("CN=expired-root") == true)
    }

    @Test func successorStartingWhenItsPredecessorExpiresHasNoOverlap() throws {
        let report = try Self.report(["valid-root.pem", "successor-root.pem"], now: "2026-11-25")
        #expect(Self.kinds(report) == [.noOverlap])
        let fingerprints = report.certificates.map(\.certificate.sha256Fingerprint)
        #expect(report.warnings[0].fingerprints == fingerprints)
    }

    @Test func onlyValidCertificateExpiringBeforeItsSuccessorStartsIsAGap() throws {
        // expiring-root ends 2026-12-10; not-yet-valid-root starts 2030-01-01.
        let report = try Self.report(["expiring-root.pem", "not-yet-valid-root.pem"], now: "2026-11-25")
        #expect(Self.kinds(report) == [.expiring, .gap])
        let gap = try #require(report.warnings.last)
        #expect(gap.message.contains("the only valid certificate of `prod-build`"))
        #expect(gap.message.contains("1118 days before the next one"))
    }

    @Test func overlappingRotationIsQuiet() throws {
        // valid-root (2025–2035) and not-yet-valid-root (2030–2040) overlap by five years.
        #expect(Self.kinds(try Self.report(["valid-root.pem", "not-yet-valid-root.pem"], now: "2026-11-25")) == [])
    }

    @Test func timestampAuthorityRootCloseToExpiry() throws {
        // successor-root is valid until 2045; tsa-root expires on 2040-01-01.
        let report = try Self.report(["successor-root.pem"], timestampAuthority: "tsa-root.pem", now: "2039-12-20")
        #expect(Self.kinds(report) == [.timestampAuthorityExpiring])
        #expect(report.warnings[0].store == TrustStoreReference(type: .tsa, identity: "prod-build"))
        #expect(report.certificates.map(\.store.type) == [.tsa, .ca])
    }

    @Test func sampleInventory() throws {
        let compilation = try Sample.compile()
        let report = CertificateInventory.report(compilation.model, today: PolicyFixture.today)
        #expect(report.certificates.count == 6)
        #expect(report.trustStores == 5)
        #expect(report.warnings.isEmpty)
        #expect(report.certificates.map(\.daysLeft) == report.certificates.map(\.daysLeft).sorted())
        let first = try #require(report.certificates.first)
        // prod-build-root-2025: production's three clusters and development's, which trusts production.
        #expect(first.file == "identities/certs/prod-build-root-2025.pem")
        #expect(first.clusters == ["aks-dev-weu-1", "aks-prod-eus2-1", "aks-prod-neu-1", "aks-prod-weu-1"])
        #expect(first.keyVaultVersion == "d7df83ba629c5b127341b331be62025a")
        #expect(first.certificate.serialNumber == "75f9f54932e4bc5acf44100430dd0cb2fe32499d")
        #expect(first.certificate.issuer == first.certificate.subject)
        let staging = try #require(report.certificates.first { $0.identity == "staging-build" })
        #expect(staging.clusters == ["aks-staging-eus2-1", "aks-staging-weu-1"])
    }

    @Test func expiringWithinKeepsOnlyThoseCertificatesAndTheirWarnings() throws {
        let report = try Self.report(["expiring-root.pem", "not-yet-valid-root.pem"], now: "2026-11-25")
        let soon = report.expiring(within: 15)
        #expect(soon.certificates.map(\.daysLeft) == [15])
        #expect(soon.expiringWithin == 15)
        // The gap names the expiring certificate, so it stays.
        #expect(Self.kinds(soon) == [.expiring, .gap])
        #expect(report.expiring(within: 14).certificates.isEmpty)
        #expect(report.expiring(within: 14).warnings.isEmpty)
    }

    @Test func jsonKeepsTheContract() throws {
        let report = try Self.report(["valid-root.pem"], timestampAuthority: "tsa-root.pem", now: "2034-12-20")
        let json = try JSONReader.document(Array(CertificatesFormat.json.render(report, verbose: true).utf8))
        let certificates = try #require(json["certificates"]?.arrayValue)
        #expect(certificates.count == 2)
        for certificate in certificates {
            guard case .object(let members) = certificate else { Issue.record("not an object"); continue }
            let keys = members.map(\.key)
            for key in ["identity", "environment", "storeType", "subject", "issuer", "fingerprint", "notAfter", "daysLeft", "clusters"] {
                #expect(keys.contains(key), "\(key) missing from \(keys)")
            }
            #expect(certificate["clusters"] == .integer(1))
            #expect(certificate["clusterNames"] == .strings(["aks-prod-weu-1"]))
        }
        #expect(certificates.map { $0["storeType"]?.stringValue } == ["ca", "tsa"])
        #expect(certificates[0]["notAfter"] == .string("2035-01-01"))
        #expect(certificates[0]["daysLeft"] == .integer(12))
        let fingerprint = try #require(certificates[0]["fingerprint"]?.stringValue)
        #expect(fingerprint.count == 64 && fingerprint.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        let warnings = try #require(json["warnings"]?.arrayValue)
        #expect(warnings.map { $0["kind"]?.stringValue } == ["expiring"])
        #expect(warnings[0]["fingerprints"] == .strings([fingerprint]))
    }
}
