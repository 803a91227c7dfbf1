import Foundation
import Testing
@testable import TrustPolicyCompiler

/// `trustc certs` end to end: formats and exit statuses.
@Suite struct CertsCommandTests {
    static let root = Golden.packageRoot.path

    @Test func listsTheSampleAndExitsZero() throws {
        let run = try Trustc.run(["certs", "policies", "--now", PlanRepository.now], in: Self.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("6 certificates in 5 trust stores, counted from 2026-11-25; 0 warnings.\n"))
        #expect(run.stdout.contains("ca:prod-build  expires on 2029-01-01, in 768 days\n"))
    }

    @Test func expiringWithinExitsOneWhenAnythingIsListed() throws {
        let none = try Trustc.run(["certs", "policies", "--now", PlanRepository.now, "--expiring-within", "30"], in: Self.root)
        #expect(none.status == 0)
        #expect(none.stdout == "0 certificates with at most 30 days left, counted from 2026-11-25; 0 warnings.\n")
        let one = try Trustc.run(["certs", "policies", "--now", "2028-12-10", "--expiring-within", "30", "--format", "json"],
                                 in: Self.root)
        #expect(one.status == 1)
        let json = try JSONReader.document(Array(one.stdout.utf8))
        #expect(json["certificates"]?.arrayValue?.map { $0["daysLeft"] } == [.integer(22)])
        #expect(json["warnings"]?.arrayValue?.map { $0["kind"] } == [.string("expiring")])
    }

    @Test func markdownHasOneRowPerCertificate() throws {
        let run = try Trustc.run(["certs", "policies", "--now", PlanRepository.now, "--format", "markdown", "--verbose"], in: Self.root)
        #expect(run.status == 0)
        let rows = run.stdout.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Days") }
        #expect(rows.count == 6)
        #expect(rows[0].hasSuffix("| aks-dev-weu-1, aks-prod-eus2-1, aks-prod-neu-1, aks-prod-weu-1 |"))
    }

    @Test func usageAndInputErrors() throws {
        #expect(try Trustc.run(["certs", "policies", "--expiring-within", "-1"], in: Self.root).status == 64)
        #expect(try Trustc.run(["certs", "policies", "--format", "yaml"], in: Self.root).status == 64)
        let missing = try Trustc.run(["certs", "no-such-directory"], in: Self.root)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such-directory"))
    }

    @Test func sourceErrorsOtherThanCertificateDatesStopIt() throws {
        let team = PolicyFixture.baseline["teams/platform.yaml"]!
            .replacingOccurrences(of: "signingIdentities: [prod-build]", with: "signingIdentities: [prod-buld]")
        let fixture = try PolicyFixture(["teams/platform.yaml": team])
        defer { fixture.remove() }
        let run = try Trustc.run(["certs", fixture.root.path, "--now", PlanRepository.now])
        #expect(run.status == 1)
        #expect(run.stdout.contains("error[TP201]"))
        #expect(run.stderr.contains("no certificate list: the source has errors"))
    }

    @Test func expiredCertificatesDoNotStopIt() throws {
        // valid-root expires on 2035-01-01: an error (TP403, TP406) to validate, a row to certs.
        let fixture = try PolicyFixture()
        defer { fixture.remove() }
        let validation = try Trustc.run(["validate", fixture.root.path, "--now", "2035-06-01"])
        #expect(validation.status == 1)
        let run = try Trustc.run(["certs", fixture.root.path, "--now", "2035-06-01", "--expiring-within", "0"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("expired on 2035-01-01, 151 days ago"))
        #expect(run.stdout.contains("  expired ca:prod-build: "))
    }
}
