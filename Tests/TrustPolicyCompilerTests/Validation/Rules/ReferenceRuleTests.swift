import Testing
@testable import TrustPolicyCompiler

@Suite struct ReferenceRuleTests {
    static let cases: [PolicyCase] = [
        PolicyCase("unknown identity in a team, with did-you-mean", PolicyFixture.edit("teams/platform.yaml", [
            "signingIdentities: [prod-build]": "signingIdentities: [1️⃣prod-buld]",
        ]), expect: [(.unknownReference, "1️⃣")], mentions: ["Did you mean `prod-build`?"]),
        PolicyCase("unknown platform team", PolicyFixture.edit("organization.yaml", [
            "platformTeam: platform": "platformTeam: 1️⃣platfrom",
        ]), expect: [(.unknownReference, "1️⃣")], mentions: ["Did you mean `platform`?"]),
        PolicyCase("unknown identity trusted by an environment", PolicyFixture.edit("environments.yaml", [
            "signingIdentities: [prod-build]": "signingIdentities: [prod-build, 1️⃣qa-build]",
        ]), expect: [(.unknownReference, "1️⃣")]),
        PolicyCase("unknown trusted environment", PolicyFixture.edit("environments.yaml", [
            "signingIdentities: [prod-build]": "signingIdentities: [prod-build]\n  trustsEnvironments: [1️⃣staging]",
        ]), expect: [(.unknownReference, "1️⃣")]),
        PolicyCase("unknown environment of a registry", PolicyFixture.edits(
            PolicyFixture.edit("registries.yaml", ["environment: production": "environment: 1️⃣prodution"]),
            PolicyFixture.edit("environments.yaml", ["name: production": "name: 2️⃣production"])
        ), expect: [(.unknownReference, "1️⃣"), (.environmentWithoutRegistry, "2️⃣")],
           mentions: ["Did you mean `production`?"]),
        PolicyCase("unknown environment of an identity", PolicyFixture.edits(
            PolicyFixture.edit("identities/prod-build.yaml", ["environment: production": "environment: 1️⃣prod"]),
            PolicyFixture.edit("teams/platform.yaml", ["signingIdentities: [prod-build]": "signingIdentities: [2️⃣prod-build]"])
        ), expect: [(.unknownReference, "1️⃣"), (.identityOutsideTeamEnvironments, "2️⃣")]),
        PolicyCase("unknown environment of a team", PolicyFixture.edit("teams/platform.yaml", [
            "environments: [production]": "environments: [production, 1️⃣staging]",
        ]), expect: [(.unknownReference, "1️⃣")]),
        PolicyCase("unknown environment of a cluster", PolicyFixture.edit("clusters/aks-prod-weu-1.yaml", [
            "environment: production": "environment: 1️⃣Production",
        ]), expect: [(.unknownReference, "1️⃣")], mentions: ["Did you mean `production`?"]),
        PolicyCase("a reference to an incomplete resource is not reported again", PolicyFixture.edit("identities/prod-build.yaml", [
            "spec:\n  environment: production": "spec:\n  1️⃣environment: production",
            "  subject: \"C=US, ST=WA, O=Contoso, OU=Build, CN=prod-build\"\n": "",
        ]), expect: [(.missingField, "1️⃣")], mentions: ["`spec.subject` is required"]),
    ]

    @Test func baselineIsClean() throws {
        let fixture = try PolicyFixture()
        defer { fixture.remove() }
        let compilation = try fixture.compile()
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
    }

    @Test(arguments: cases) func reports(_ example: PolicyCase) throws {
        try example.check()
    }
}
