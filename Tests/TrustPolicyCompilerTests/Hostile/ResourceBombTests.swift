import Foundation
import Testing
@testable import TrustPolicyCompiler

/// One resource bomb: written into a policy directory next to an unrelated mistake, it must end
/// in a located diagnostic with its own code, within 2 s and 500 MB, through the library and
/// through `trustc validate` and `trustc render`.
struct ResourceBomb: Sendable, CustomTestStringConvertible {
    var name: String
    /// The diagnostic it must produce (`nil`: only the budget and the unrelated mistake).
    var code: DiagnosticCode?
    /// Where that diagnostic must point (a path relative to the policy directory).
    var file: String
    var write: @Sendable (HostileFixture) throws -> Void

    var testDescription: String { name }

    static let all: [ResourceBomb] = [
        // Nine levels of nine aliases: a billion `lol`s once expanded. Rejected at the first
        // anchor; nothing is ever expanded.
        ResourceBomb(name: "billion laughs", code: .anchorOrAlias, file: "teams/bomb.yaml") { fixture in
            var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
            let letters = Array("abcdefghij")
            for level in 1..<10 {
                let previous = letters[level - 1]
                text += "\(letters[level]): &\(letters[level]) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            }
            try fixture.write(text, to: "teams/bomb.yaml")
        },
        ResourceBomb(name: "10,000 nested flow sequences", code: .nestingTooDeep, file: "teams/bomb.yaml") { fixture in
            try fixture.write(String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n", to: "teams/bomb.yaml")
        },
        ResourceBomb(name: "10,000 nested flow mappings", code: .nestingTooDeep, file: "teams/bomb.yaml") { fixture in
            try fixture.write(String(repeating: "{a: ", count: 10_000) + "x" + String(repeating: "}", count: 10_000) + "\n",
                              to: "teams/bomb.yaml")
        },
        ResourceBomb(name: "100,000 nested flow sequences", code: .nestingTooDeep, file: "teams/bomb.yaml") { fixture in
            try fixture.write(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n",
                              to: "teams/bomb.yaml")
        },
        ResourceBomb(name: "10,000 nested block sequences", code: .nestingTooDeep, file: "teams/bomb.yaml") { fixture in
            try fixture.write(String(repeating: "- ", count: 10_000) + "x\n", to: "teams/bomb.yaml")
        },
        ResourceBomb(name: "4,000 nested block mappings", code: .nestingTooDeep, file: "teams/bomb.yaml") { fixture in
            // One space of indentation per level (10,000 levels would be 50 MB: see the 100 MB file).
            try fixture.write((0..<4_000).map { String(repeating: " ", count: $0) + "k:\n" }.joined(), to: "teams/bomb.yaml")
        },
        ResourceBomb(name: "a 100 MB file", code: .fileTooLarge, file: "teams/bomb.yaml") { fixture in
            try fixture.write(to: "teams/bomb.yaml", repeating: "- xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
                              times: 1_000_000, prefix: "items:\n")
        },
        ResourceBomb(name: "a million-element block list", code: .tooManyNodes, file: "teams/bomb.yaml") { fixture in
            try fixture.write(to: "teams/bomb.yaml", repeating: "- x\n", times: 1_000_000, prefix: "items:\n")
        },
        ResourceBomb(name: "a million-element flow list", code: .tooManyNodes, file: "teams/bomb.yaml") { fixture in
            try fixture.write(to: "teams/bomb.yaml", repeating: "x,", times: 1_000_000, prefix: "[", suffix: "x]\n")
        },
        // 600,000 (a million would be over the 16 MB file size limit).
        ResourceBomb(name: "600,000 repositories in a team", code: .tooManyNodes, file: "teams/bomb.yaml") { fixture in
            try fixture.write(to: "teams/bomb.yaml", repeating: "    - bulk/repository\n", times: 600_000,
                              prefix: bulkTeamHeader)
        },
        ResourceBomb(name: "a 10 MB string", code: .scalarTooLong, file: "teams/bomb.yaml") { fixture in
            try fixture.write(to: "teams/bomb.yaml", repeating: "a", times: 10_000_000, prefix: "apiVersion: \"", suffix: "\"\n")
        },
        ResourceBomb(name: "a 15 MB plain string on one line", code: .scalarTooLong, file: "teams/bomb.yaml") { fixture in
            try fixture.write(to: "teams/bomb.yaml", repeating: "b", times: 15_000_000, prefix: "kind: ", suffix: "\n")
        },
        ResourceBomb(name: "a 10 MB key", code: .scalarTooLong, file: "teams/bomb.yaml") { fixture in
            try fixture.write(to: "teams/bomb.yaml", repeating: "k", times: 10_000_000, suffix: ": v\n")
        },
        ResourceBomb(name: "a 1 MB block scalar of 100,000 lines", code: .scalarTooLong, file: "teams/bomb.yaml") { fixture in
            try fixture.write(to: "teams/bomb.yaml", repeating: "  line\n", times: 150_000, prefix: "kind: |\n")
        },
        ResourceBomb(name: "10,001 documents in one file", code: .tooManyDocuments, file: "teams/bomb.yaml") { fixture in
            try fixture.write(to: "teams/bomb.yaml", repeating: "a: 1\n---\n", times: 10_001)
        },
        ResourceBomb(name: "3.15 million nodes over seven files", code: .tooManyNodesInDirectory, file: "zz/bomb-6.yaml") { fixture in
            for index in 0..<7 {
                try fixture.write(to: "zz/bomb-\(index).yaml", repeating: "a,", times: 450_000, prefix: "[", suffix: "a]\n")
            }
        },
        ResourceBomb(name: "54,000 documents over six files", code: .tooManyDocumentsInDirectory, file: "zz/bomb-5.yaml") { fixture in
            for index in 0..<6 {
                try fixture.write(to: "zz/bomb-\(index).yaml", repeating: "a\n---\n", times: 9_000)
            }
        },
        ResourceBomb(name: "36 MB of YAML over three files", code: .inputTooLarge, file: "zz/bomb-2.yaml") { fixture in
            for index in 0..<3 {
                try fixture.write(to: "zz/bomb-\(index).yaml", repeating: "# a comment line of the bomb, repeated\n",
                                  times: 12_000_000 / 39)
            }
        },
        ResourceBomb(name: "20,001 YAML files", code: .tooManyFiles, file: "zz/bomb-19994.yaml") { fixture in
            let directory = fixture.fixture.root.appendingPathComponent("zz")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for index in 0..<20_001 {
                FileManager.default.createFile(atPath: directory.appendingPathComponent("bomb-\(String(format: "%05d", index)).yaml").path,
                                               contents: Data("a: 1\n".utf8))
            }
        },
        // 1,001 registries × 10,000 repositories, trusted by two environments: twenty million
        // registry scopes from 32,000 lines.
        ResourceBomb(name: "a scope explosion", code: .tooManyRegistryScopes, file: "environments.yaml") { fixture in
            let registries = (0..<1_000).map { index in
                PolicyFixture.derived(from: "registries.yaml", [
                    "name: contosoprod": "name: bulk\(index)",
                    "loginServer: contosoprod.azurecr.io": "loginServer: bulk\(index).azurecr.io",
                ])
            }.joined(separator: "\n---\n")
            try fixture.write(registries, to: "registries-bulk.yaml")
            try writeBulkTeam(repositories: 10_000, into: fixture)
        },
        // Pairwise checks that used to be quadratic: every pair of 3,000 identities of one policy.
        ResourceBomb(name: "3,000 identities in one policy", code: nil, file: "") { fixture in
            let identities = (0..<3_000).map { index in
                PolicyFixture.derived(from: "identities/prod-build.yaml", [
                    "name: prod-build": "name: bulk-\(index)",
                    "OU=Build, CN=prod-build": "OU=Bulk \(index), CN=bulk-\(index)",
                    "keyName: prod-build": "keyName: bulk-\(index)",
                    "certificateName: prod-build-root": "certificateName: bulk-\(index)",
                ])
            }.joined(separator: "\n---\n")
            try fixture.write(identities, to: "identities/bulk.yaml")
            try fixture.write(PolicyFixture.derived(from: "environments.yaml", [
                "signingIdentities: [prod-build]":
                    "signingIdentities: [prod-build, \((0..<3_000).map { "bulk-\($0)" }.joined(separator: ", "))]",
            ]), to: "environments.yaml")
        },
        // Environments × registries and clusters × environments, both once quadratic.
        ResourceBomb(name: "5,000 environments with a registry each", code: nil, file: "") { fixture in
            let text = (0..<5_000).map { index in
                PolicyFixture.derived(from: "environments.yaml", [
                    "name: production": "name: bulk-\(index)",
                    "tier: production": "tier: nonproduction",
                    "signingIdentities: [prod-build]": "signingIdentities: []",
                ]) + "\n---\n" + PolicyFixture.derived(from: "registries.yaml", [
                    "name: contosoprod": "name: bulk\(index)",
                    "environment: production": "environment: bulk-\(index)",
                    "loginServer: contosoprod.azurecr.io": "loginServer: bulk\(index).azurecr.io",
                ])
            }.joined(separator: "\n---\n")
            try fixture.write(text, to: "bulk.yaml")
        },
        // Clusters × scopes: every cluster restricting a namespace used to cut the environment's
        // scopes again.
        ResourceBomb(name: "2,000 clusters restricting a namespace over 15,000 repositories", code: nil, file: "") { fixture in
            let clusters = (0..<2_000).map { index in
                PolicyFixture.derived(from: "clusters/aks-prod-weu-1.yaml", [
                    "name: aks-prod-weu-1": "name: bulk-\(index)",
                    "managedClusters/aks-prod-weu-1": "managedClusters/bulk-\(index)",
                    "since: 2026-11-01": "since: 2026-11-01\n      trustedTeams: [platform]",
                ])
            }.joined(separator: "\n---\n")
            try fixture.write(clusters, to: "clusters/bulk.yaml")
            try writeBulkTeam(repositories: 15_000, into: fixture)
        },
    ]

    /// A team `bulk` deploying to production (the baseline team without repositories and
    /// namespaces), up to its (block) list of repositories.
    static let bulkTeamHeader = PolicyFixture.derived(from: "teams/platform.yaml", [
        "name: platform": "name: bulk",
        "@contoso/platform": "@contoso/bulk",
        "  repositories: [platform/ingress]\n": "",
        "\n  namespaces: [ingress]": "",
    ]) + "\n  repositories:\n"

    /// The team `bulk` with `count` repositories.
    static func writeBulkTeam(repositories count: Int, into fixture: HostileFixture) throws {
        try fixture.write(bulkTeamHeader + (0..<count).map { "    - bulk/repository-\($0)\n" }.joined(), to: "teams/bulk.yaml")
    }
}

extension HostileTests {
    @Suite struct ResourceBombTests {
        @Test(arguments: ResourceBomb.all)
        func endsInALocatedDiagnosticWithinBudget(_ bomb: ResourceBomb) throws {
            let fixture = try HostileFixture()
            defer { fixture.remove() }
            try bomb.write(fixture)

            // The library (a debug build here: its time is printed, the budget is the release
            // command's below).
            let (compilation, seconds) = try timed { try fixture.compile() }
            if let code = bomb.code {
                #expect(compilation.reports(code, in: bomb.file),
                        "\(bomb.name): expected \(code.rawValue) in \(bomb.file), got:\n\(compilation.described)")
            } else {
                // A large valid policy: nothing but the unrelated mistake may stop it, or the
                // checks it is there to load would never run.
                let others = compilation.diagnostics.filter { $0.severity == .error && $0.location?.file != HostileFixture.unrelatedFile }
                #expect(others.isEmpty, "\(bomb.name): errors besides the unrelated mistake:\n\(others.prefix(5).map { "\($0.code.rawValue) \($0.location?.description ?? "-") \($0.message.prefix(160))" }.joined(separator: "\n"))")
            }
            #expect(compilation.reports(.invalidEnumValue, in: HostileFixture.unrelatedFile),
                    "\(bomb.name): the unrelated mistake was not reported:\n\(compilation.described)")

            // The command line: validate, then render (which must refuse and write nothing).
            let validate = try Budget.run(["validate", fixture.root, "--now", "2026-11-25"])
            Budget.expectWithin(validate, "\(bomb.name) (validate)")
            #expect(validate.exitStatus == 1)
            if let code = bomb.code {
                #expect(validate.reports(code.rawValue, in: bomb.file),
                        "\(bomb.name): no located \(code.rawValue) in \(bomb.file):\n\(validate.stdout.prefix(3000))")
            }
            #expect(validate.reports(HostileFixture.unrelatedCode, in: HostileFixture.unrelatedFile),
                    "\(bomb.name): the unrelated mistake was not reported:\n\(validate.stdout.prefix(3000))")

            let render = try Budget.run(["render", fixture.root, "--out", fixture.out, "--now", "2026-11-25"])
            Budget.expectWithin(render, "\(bomb.name) (render)")
            #expect(render.exitStatus == 1)
            #expect(!render.located.isEmpty, "\(bomb.name): render printed no located diagnostic")
            #expect(!FileManager.default.fileExists(atPath: fixture.out), "\(bomb.name): render wrote output")
            print("resource bomb `\(bomb.name)`: validate \(validate.summary); render \(render.summary); library \(String(format: "%.3f", seconds)) s")
        }
    }
}

extension HostileTests {
    /// Findings of the fuzzing harness (Fuzz/README.md), kept as regression tests.
    @Suite struct FuzzFindingTests {
        final class Tracked: Sendable {
            static let live = Counter()
            init() { Self.live.add(1) }
            deinit { Self.live.add(-1) }
        }

        final class Counter: @unchecked Sendable {
            private let lock = NSLock()
            private var value = 0
            func add(_ delta: Int) { lock.withLock { value += delta } }
            var current: Int { lock.withLock { value } }
        }

        /// The concurrent scheduler deallocated its buffer of results without deinitializing it,
        /// leaking every file's decoded resources on each compile (found by AddressSanitizer's
        /// leak check).
        @Test func concurrentSchedulerReleasesItsResults() {
            let before = Tracked.live.current
            do {
                let results = ConcurrentScheduler().map(Array(0..<64)) { _ in Tracked() }
                #expect(results.count == 64)
                #expect(Tracked.live.current >= before + 64)
            }
            #expect(Tracked.live.current == before, "\(Tracked.live.current - before) results were never released")
        }
    }
}
