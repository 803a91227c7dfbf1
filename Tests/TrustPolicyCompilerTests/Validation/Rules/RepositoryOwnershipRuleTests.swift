import Testing
@testable import TrustPolicyCompiler

@Suite struct RepositoryOwnershipRuleTests {
    static let cases: [PolicyCase] = [
        PolicyCase("repository written as an image reference", PolicyFixture.edit("teams/platform.yaml", [
            "repositories: [platform/ingress]": "repositories: [platform/ingress, 1️⃣contosoprod.azurecr.io/Platform/Egress:1.0]",
        ]), expect: [(.invalidRepository, "1️⃣")], mentions: ["write `platform/egress`"]),
        PolicyCase("repository path with separators OCI allows", PolicyFixture.edit("teams/platform.yaml", [
            "repositories: [platform/ingress]": "repositories: [platform/ingress, platform/a.b_c__d---e]",
        ]), expect: []),
        PolicyCase("repository with an empty component", PolicyFixture.edit("teams/platform.yaml", [
            "repositories: [platform/ingress]": "repositories: [platform/ingress, 1️⃣platform//egress]",
        ]), expect: [(.invalidRepository, "1️⃣")]),
        PolicyCase("repository listed by two teams", ["teams/search.yaml": """
        apiVersion: trustc/v1
        kind: Team
        metadata:
          name: search
        spec:
          owners: ["@contoso/search"]
          environments: [production]
          repositories: [search/api, 1️⃣platform/ingress]
          signingIdentities: [prod-build]
        """], expect: [(.repositoryOwnedTwice, "1️⃣")]),
    ]

    @Test(arguments: cases) func reports(_ example: PolicyCase) throws {
        try example.check()
    }

    @Test func secondOwnerNotesTheFirst() throws {
        let diagnostic = try Self.cases[3].check().diagnostic(.repositoryOwnedTwice)
        #expect(diagnostic.notes.map(\.location) == [SourceLocation(file: "teams/platform.yaml", line: 8, column: 18)])
    }
}
