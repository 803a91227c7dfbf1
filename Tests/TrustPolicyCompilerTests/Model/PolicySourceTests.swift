import Testing
@testable import TrustPolicyCompiler

@Suite struct PolicySourceTests {
    static let secondOrganization = """
    apiVersion: trustc/v1
    kind: Organization
    metadata:
      name: 1️⃣fabrikam
    spec:
      platformTeam: platform
      tenantID: 72f988bf-86f1-41af-91ab-2d7cd011db47
      policyDefinitionScope: /providers/Microsoft.Management/managementGroups/fabrikam
    """

    static let cases: [PolicyCase] = [
        PolicyCase("two teams with one name in different files, the later file reported", [
            "teams/zz-platform.yaml": PolicyFixture.baseline["teams/platform.yaml"]!
                .replacingOccurrences(of: "name: platform", with: "name: 1️⃣platform"),
        ], expect: [(.duplicateName, "1️⃣")]),
        PolicyCase("two teams with one name in one file, the later document reported", [
            "teams/platform.yaml": PolicyFixture.baseline["teams/platform.yaml"]! + "\n---\n"
                + PolicyFixture.baseline["teams/platform.yaml"]!.replacingOccurrences(of: "name: platform", with: "name: 1️⃣platform"),
        ], expect: [(.duplicateName, "1️⃣")]),
        PolicyCase("one name for resources of different kinds", PolicyFixture.edit("registries.yaml", [
            "name: contosoprod": "name: production",
        ]), expect: []),
        PolicyCase("no organization", ["organization.yaml": nil], expect: [(.missingOrganization, nowhere)]),
        PolicyCase("a second organization", ["zz-organization.yaml": secondOrganization],
                   expect: [(.multipleOrganizations, "1️⃣")]),
        PolicyCase("an incomplete organization is still the one organization", PolicyFixture.edit("organization.yaml", [
            "spec:\n  platformTeam: platform\n  tenantID": "spec:\n  1️⃣tenantID",
        ]), expect: [(.missingField, "1️⃣")]),
    ]

    @Test(arguments: cases) func reports(_ example: PolicyCase) throws {
        try example.check()
    }

    @Test func duplicateNotesTheFirstDefinition() throws {
        let diagnostic = try Self.cases[0].check().diagnostic(.duplicateName)
        #expect(diagnostic.notes.map(\.location) == [SourceLocation(file: "teams/platform.yaml", line: 4, column: 9)])
    }
}
