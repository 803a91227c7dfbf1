import Foundation
import Testing
@testable import TrustPolicyCompiler

/// `trustc codeowners`: each team owns the files holding only its Team resources; everything
/// else (identities, environments, registries, clusters, the organisation) belongs to the
/// platform team.
@Suite struct PlanCodeOwnersTests {
    @Test func sampleMatchesGolden() throws {
        let run = try Trustc.run(["codeowners", "policies", "--now", PlanRepository.now], in: Golden.packageRoot.path)
        #expect(run.status == 0, "\(run.stderr)")
        try PlanGolden.expect(run.stdout, matches: "codeowners.txt")
        let library = Ownership(decoded: try Sample.compile().decoded).codeowners(prefix: "policies")
        #expect(library == run.stdout)
    }

    /// The policy directory is the repository (`.`): a catch-all `*` for the platform team, team
    /// files from the root. Prefixes are normalised to one anchored pattern.
    @Test(arguments: [
        (".", "*", "/teams/"), ("./", "*", "/teams/"), ("", "*", "/teams/"),
        ("policies", "/policies/", "/policies/teams/"), ("./policies/", "/policies/", "/policies/teams/"),
        ("org/contoso/policies", "/org/contoso/policies/", "/org/contoso/policies/teams/"),
    ])
    func prefixes(prefix: String, platformPattern: String, teamPrefix: String) throws {
        let text = Ownership(decoded: try Sample.compile().decoded).codeowners(prefix: prefix)
        let rules = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rules.first == "\(platformPattern) @contoso/platform")
        #expect(rules.dropFirst().allSatisfy { $0.hasPrefix(teamPrefix) }, "\(rules)")
        #expect(rules.contains("\(teamPrefix)checkout.yaml @contoso/checkout @contoso-ops"))
    }

    @Test func checkComparesWithTheCommittedFile() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        let arguments = ["codeowners", "policies", "--now", PlanRepository.now, "--output", ".github/CODEOWNERS"]
        let missing = try Trustc.run(arguments + ["--check"], in: repository.root.path)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains(".github/CODEOWNERS is out of date"), "\(missing.stderr)")

        let write = try Trustc.run(arguments, in: repository.root.path)
        #expect(write.status == 0, "\(write.stderr)")
        let written = try String(contentsOf: repository.root.appendingPathComponent(".github/CODEOWNERS"), encoding: .utf8)
        try PlanGolden.expect(written, matches: "codeowners.txt")
        #expect(try Trustc.run(arguments + ["--check"], in: repository.root.path).status == 0)

        // A new team file makes the committed CODEOWNERS stale.
        try repository.write("teams/fraud.yaml", """
        apiVersion: trustc/v1
        kind: Team
        metadata:
          name: fraud
        spec:
          owners: ["@contoso/fraud"]
          environments: [staging]
          repositories: [fraud/scorer]
          signingIdentities: [staging-build]

        """)
        let stale = try Trustc.run(arguments + ["--check"], in: repository.root.path)
        #expect(stale.status == 1)
        #expect(stale.stderr == "trustc: .github/CODEOWNERS is out of date; run `trustc codeowners policies --output .github/CODEOWNERS`\n")
        #expect(try Trustc.run(arguments, in: repository.root.path).status == 0)
        let updated = try String(contentsOf: repository.root.appendingPathComponent(".github/CODEOWNERS"), encoding: .utf8)
        #expect(updated.contains("/policies/teams/fraud.yaml @contoso/fraud\n"))
    }

    @Test func checkWithoutOutputIsAUsageError() throws {
        let run = try Trustc.run(["codeowners", "policies", "--check"], in: Golden.packageRoot.path)
        #expect(run.status == 64)
        #expect(run.stderr.contains("--check compares with a file"), "\(run.stderr)")
    }

    @Test func invalidSourceHasNoCodeOwners() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("teams/payments.yaml", replacing: "signingIdentities: [prod-build,", with: "signingIdentities: [prod-buld,")
        let run = try Trustc.run(["codeowners", "policies", "--now", PlanRepository.now], in: repository.root.path)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
    }

    /// A file of several teams belongs to all of them; a file that also holds a platform kind
    /// belongs to the platform team alone.
    @Test func sharedAndMixedFiles() throws {
        let team: (String, String) -> String = { name, owner in
            """
            apiVersion: trustc/v1
            kind: Team
            metadata:
              name: \(name)
            spec:
              owners: ["\(owner)"]
              environments: [production]
              repositories: [\(name)/app]
              signingIdentities: [prod-build]
            """
        }
        let fixture = try PolicyFixture([
            "teams/shared.yaml": team("alpha", "@contoso/alpha") + "\n---\n" + team("beta", "@contoso/beta"),
            "mixed.yaml": team("gamma", "@contoso/gamma") + "\n---\n" + PolicyFixture.baseline["registries.yaml"]!,
            "registries.yaml": nil,
        ])
        defer { fixture.remove() }
        let compilation = try fixture.compile()
        #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
        let ownership = Ownership(decoded: compilation.decoded)
        #expect(ownership.teams(owning: "teams/shared.yaml") == ["alpha", "beta"])
        #expect(ownership.teams(owning: "mixed.yaml") == ["platform"])
        #expect(ownership.teams(owning: "identities/certs/root.pem") == ["platform"])
        #expect(ownership.codeowners(prefix: "policies") == """
        # Generated by `trustc codeowners`; do not edit by hand.
        # Environments, registries, signing identities, clusters and the organisation belong to the
        # platform team; each team owns its own team file.

        /policies/ @contoso/platform
        /policies/teams/platform.yaml @contoso/platform
        /policies/teams/shared.yaml @contoso/alpha @contoso/beta

        """)
    }
}
