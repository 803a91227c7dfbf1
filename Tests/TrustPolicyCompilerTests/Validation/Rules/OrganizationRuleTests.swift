import Testing
@testable import TrustPolicyCompiler

@Suite struct OrganizationRuleTests {
    static let cases: [PolicyCase] = [
        PolicyCase("tenant id that is not a GUID", PolicyFixture.edit("organization.yaml", [
            "tenantID: 72f988bf-86f1-41af-91ab-2d7cd011db47": "tenantID: 1️⃣72f988bf-86f1-41af-91ab",
        ]), expect: [(.invalidGUID, "1️⃣")]),
        PolicyCase("policy definition scope that is neither a management group nor a subscription", PolicyFixture.edit("organization.yaml", [
            "policyDefinitionScope: /providers/Microsoft.Management/managementGroups/contoso":
                "policyDefinitionScope: 1️⃣/subscriptions/contoso",
        ]), expect: [(.invalidPolicyDefinitionScope, "1️⃣")]),
        PolicyCase("custom enforcement by default without policy definition scope", PolicyFixture.edit("organization.yaml", [
            "spec:\n  platformTeam": "spec:\n  1️⃣platformTeam",
            "  policyDefinitionScope: /providers/Microsoft.Management/managementGroups/contoso": "",
        ]), expect: [(.policyDefinitionScopeRequired, "1️⃣")]),
        PolicyCase("explicit custom enforcement without policy definition scope", PolicyFixture.edit("organization.yaml", [
            "  policyDefinitionScope: /providers/Microsoft.Management/managementGroups/contoso": "  enforcement: 1️⃣custom",
        ]), expect: [(.policyDefinitionScopeRequired, "1️⃣")]),
        PolicyCase("builtin enforcement needs no policy definition scope", PolicyFixture.edit("organization.yaml", [
            "  policyDefinitionScope: /providers/Microsoft.Management/managementGroups/contoso": "  enforcement: builtin",
        ]), expect: []),
        PolicyCase("subscription as policy definition scope", PolicyFixture.edit("organization.yaml", [
            "/providers/Microsoft.Management/managementGroups/contoso": "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590",
        ]), expect: []),
        PolicyCase("excluded namespace that is not a namespace name", PolicyFixture.edit("organization.yaml", [
            "  tenantID:": "  excludedNamespaces: [kube-system, 1️⃣Kube_Public]\n  tenantID:",
        ]), expect: [(.invalidNamespace, "1️⃣")]),
    ]

    @Test(arguments: cases) func reports(_ example: PolicyCase) throws {
        try example.check()
    }
}
