import Testing
@testable import TrustPolicyCompiler

@Suite struct TeamRuleTests {
    static let cases: [PolicyCase] = [
        PolicyCase("owner that is not a GitHub owner", PolicyFixture.edit("teams/platform.yaml", [
            "owners: [\"@contoso/platform\"]": "owners: [\"@contoso/platform\", 1️⃣contoso/platform, 2️⃣\"@contoso/\", platform@contoso.com]",
        ]), expect: [(.invalidOwner, "1️⃣"), (.invalidOwner, "2️⃣")]),
        PolicyCase("namespace that is not a namespace name", PolicyFixture.edit("teams/platform.yaml", [
            "namespaces: [ingress]": "namespaces: [ingress, 1️⃣Ingress_NS]",
        ]), expect: [(.invalidNamespace, "1️⃣")]),
        PolicyCase("identity of an environment the team does not deploy to", PolicyFixture.edits(
            PolicyFixture.development,
            PolicyFixture.edit("teams/platform.yaml", ["signingIdentities: [prod-build]": "signingIdentities: [prod-build, 1️⃣dev-build]"])
        ), expect: [(.identityOutsideTeamEnvironments, "1️⃣")]),
    ]

    @Test(arguments: cases) func reports(_ example: PolicyCase) throws {
        try example.check()
    }

    @Test func identityOutsideEnvironmentsNotesWhereTheIdentityBelongs() throws {
        let outcome = try Self.cases[2].check()
        let diagnostic = try outcome.diagnostic(.identityOutsideTeamEnvironments)
        #expect(diagnostic.notes.map(\.location) == [outcome.location("9️⃣")])
    }
}
