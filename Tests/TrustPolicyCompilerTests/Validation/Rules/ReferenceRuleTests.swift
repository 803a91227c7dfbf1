import Testing
@testable import TrustPolicyCompiler

@Suite struct ReferenceRuleTests {
    @Test func baselineIsClean() throws {
        let fixture = try PolicyFixture()
        defer { fixture.remove() }
        let compilation = try fixture.compile()
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
    }

    @Test func unknownIdentityInTeamIsReportedAtTheReference() throws {
        try expectDiagnostics([
            "teams/platform.yaml": """
            apiVersion: trustc/v1
            kind: Team
            metadata:
              name: platform
            spec:
              owners: ["@contoso/platform"]
              environments: [production]
              repositories: [platform/ingress]
              signingIdentities: [1️⃣prod-buld]
            """,
        ], [(.unknownReference, "1️⃣"), (.unusedIdentity, "2️⃣")].filter { $0.1 == "1️⃣" })
    }
}
