import Foundation
import Testing
@testable import TrustPolicyCompiler

/// `trustc audit` end to end on the sample and its committed inventory: the three formats
/// against goldens, the JSON contract, standard input, and every exit status.
@Suite struct AuditCommandTests {
    static let root = Golden.packageRoot.path
    static let inventory = "examples/inventory/signatures.jsonl"
    static let malformedLine = "examples/inventory/signatures.jsonl:14:1: error: $.reference: `contosoprod.azurecr.io/payments/api:1.4.2` has no digest; the inventory names each image by `@sha256:<digest>`\n"

    static func audit(_ arguments: [String], in directory: String = root) throws -> ChildRun.Result {
        try Trustc.run(["audit"] + arguments + ["--now", "2026-11-25"], in: directory)
    }

    /// A temporary inventory file holding `lines`.
    static func inventory(_ lines: [String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-inventory-\(UUID().uuidString).jsonl")
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: url)
        return url
    }

    @Test(arguments: [("text", "txt"), ("json", "json"), ("sarif", "sarif")])
    func auditsTheSampleInventory(format: String, suffix: String) throws {
        let run = try Self.audit(["--signatures", Self.inventory, "policies", "--format", format])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr == Self.malformedLine)
        try Golden.assertText(run.stdout, file: "audit/sample.\(suffix)")
    }

    @Test func keepsTheJSONContract() throws {
        let run = try Self.audit(["--signatures", Self.inventory, "policies", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(document.keys) == ["findings", "summary"])
        let findings = try #require(document["findings"] as? [[String: Any]])
        for finding in findings {
            #expect(Set(finding.keys) == ["kind", "code", "severity", "reference", "repository", "team", "identity"])
        }
        #expect(Set(findings.compactMap { $0["kind"] as? String }) == Set(AuditFindingKind.allCases.map(\.name)))
        #expect(Set(findings.compactMap { $0["code"] as? String }) == Set(AuditFindingKind.allCases.map(\.code)))
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(Set(summary.keys) == ["images", "signatures", "malformedLines", "errors", "warnings", "findings", "signers"])
        #expect(summary["malformedLines"] as? Int == 1)
    }

    @Test func warningsAloneExitZeroAndStandardInputWorks() throws {
        let url = try Self.inventory([InspectionDocument.line(reference: "ghcr.io/contoso/tools@" + InspectionDocument.digest("tools"), [])])
        defer { try? FileManager.default.removeItem(at: url) }
        let run = try Self.audit(["--signatures", url.path, "policies"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasSuffix("1 image, 0 signatures: 0 errors, 1 warning (foreign-registry 1).\n"))
        let piped = try ChildRun.run("/bin/sh", ["-c", "\"$0\" audit --signatures - policies --now 2026-11-25 --format json < \"$1\"",
                                                 Trustc.executable, url.path], in: Self.root)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.contains(#""kind": "foreign-registry""#))
    }

    @Test func anEmptyInventoryIsClean() throws {
        let url = try Self.inventory([])
        defer { try? FileManager.default.removeItem(at: url) }
        let run = try Self.audit(["--signatures", url.path, "policies"])
        #expect(run.status == 0 && run.stdout == "0 images, 0 signatures: 0 errors, 0 warnings.\n", "\(run.stdout)")
    }

    @Test func malformedLinesAloneExitOne() throws {
        let url = try Self.inventory(["{", #"{"signatures":[]}"#])
        defer { try? FileManager.default.removeItem(at: url) }
        let run = try Self.audit(["--signatures", url.path, "policies"])
        #expect(run.status == 1)
        #expect(run.stderr == "\(url.path):1:2: error: $: expected a member name\n\(url.path):2:1: error: $: no `reference` (the inventory adds the image reference `<loginServer>/<repository>@sha256:<digest>` to each document)\n")
        #expect(run.stdout == "0 images, 0 signatures, 2 malformed lines: 0 errors, 0 warnings.\n")
    }

    @Test func unreadableInputExitsTwo() throws {
        let missing = try Self.audit(["--signatures", "no-such-inventory.jsonl", "policies"])
        #expect(missing.status == 2 && missing.stderr == "trustc: cannot read no-such-inventory.jsonl: No such file or directory\n")
        let directory = try Self.audit(["--signatures", "policies", "policies"])
        #expect(directory.status == 2 && directory.stderr.contains("it is a directory"))
        let noPolicies = try Self.audit(["--signatures", Self.inventory, "no-such-policies"])
        #expect(noPolicies.status == 2)
    }

    @Test func aSourceWithErrorsIsNotAudited() throws {
        let copy = try ValidateCommandTests.broken()
        defer { copy.remove() }
        let run = try Self.audit(["--signatures", Golden.packageRoot.path + "/" + Self.inventory, "policies"], in: copy.root.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("not auditing: the source has errors"))
    }

    @Test(arguments: [["policies"], ["--signatures", inventory, "--format", "xml", "policies"]])
    func usageErrorsExit64(arguments: [String]) throws {
        #expect(try Self.audit(arguments).status == 64)
    }
}
