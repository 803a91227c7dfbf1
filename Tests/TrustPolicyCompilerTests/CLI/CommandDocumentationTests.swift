import Foundation
import Testing
@testable import TrustPolicyCompiler

/// docs/commands show real output: each page holds its command's goldens verbatim (which the
/// end-to-end tests compare with what trustc prints) and names every finding code.
@Suite struct CommandDocumentationTests {
    static func page(_ name: String) throws -> String {
        try String(contentsOf: PackageRoot.url.appendingPathComponent("docs/commands/\(name).md"), encoding: .utf8)
    }

    static func golden(_ path: String) throws -> String {
        try String(contentsOf: Golden.directory.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func auditShowsTheSampleOutputAndEveryCode() throws {
        let page = try Self.page("audit")
        #expect(page.contains(try Self.golden("audit/sample.txt")))
        for kind in AuditFindingKind.allCases {
            #expect(page.contains("| \(kind.code) | `\(kind.name)` |"), "\(kind.code) is not in docs/commands/audit.md")
        }
    }

    @Test(arguments: ["payments-api-signed.txt", "payments-api-signed.json", "ledger-no-scope.txt", "ledger-no-scope.json",
                      "checkout-web-namespaces.txt", "indexer-typo.txt"])
    func explainShowsTheSampleOutput(golden: String) throws {
        #expect(try Self.page("explain").contains(try Self.golden("explain/\(golden)")), "docs/commands/explain.md lacks \(golden)")
    }
}
