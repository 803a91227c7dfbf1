import Testing
@testable import TrustPolicyCompiler

@Suite struct RolloutRuleTests {
    static let file = "clusters/aks-prod-weu-1.yaml"

    static func namespace(_ entry: String) -> [String: String?] {
        PolicyFixture.edit(file, ["    - name: ingress\n      stage: warn\n      since: 2026-11-01": entry])
    }

    static let builtin = PolicyFixture.edit("organization.yaml", [
        "  policyDefinitionScope: /providers/Microsoft.Management/managementGroups/contoso": "  enforcement: builtin",
    ])

    static let cases: [PolicyCase] = [
        PolicyCase("deny without warnSince", namespace("""
            - name: ingress
              stage: 1️⃣deny
              since: 2026-11-01
        """), expect: [(.denyWithoutWarnSince, "1️⃣")]),
        PolicyCase("deny before the minimum warn period", namespace("""
            - name: ingress
              stage: deny
              since: 1️⃣2026-11-10
              warnSince: 2026-11-01
        """), expect: [(.denyBeforeMinimumWarnPeriod, "1️⃣")], mentions: ["after 9 days in warn", "until 2026-11-15"]),
        PolicyCase("deny after exactly the minimum warn period", namespace("""
            - name: ingress
              stage: deny
              since: 2026-11-15
              warnSince: 2026-11-01
        """), expect: []),
        PolicyCase("the environment's own minimum warn period", PolicyFixture.edits(
            namespace("""
                - name: ingress
                  stage: deny
                  since: 2026-11-10
                  warnSince: 2026-11-01
            """),
            PolicyFixture.edit("environments.yaml", ["tier: production": "tier: production\n  minimumWarnDays: 7"])
        ), expect: []),
        PolicyCase("date in the future", namespace("""
            - name: ingress
              stage: warn
              since: 1️⃣2026-11-26
        """), expect: [(.dateInFuture, "1️⃣")]),
        PolicyCase("today is not in the future", namespace("""
            - name: ingress
              stage: warn
              since: 2026-11-25
        """), expect: []),
        PolicyCase("warnSince in the future", namespace("""
            - name: ingress
              stage: deny
              since: 1️⃣2027-01-20
              warnSince: 2️⃣2027-01-01
        """), expect: [(.dateInFuture, "1️⃣"), (.dateInFuture, "2️⃣")]),
        PolicyCase("warnSince on a warn namespace", namespace("""
            - name: ingress
              stage: warn
              since: 2026-11-01
              warnSince: 1️⃣2026-10-01
        """), expect: [(.warnSinceOnNonDeny, "1️⃣")]),
        PolicyCase("warnSince on an off namespace", namespace("""
            - name: ingress
              stage: off
              since: 2026-11-01
              warnSince: 1️⃣2026-10-01
        """), expect: [(.warnSinceOnNonDeny, "1️⃣")]),
        PolicyCase("warnSince after since", namespace("""
            - name: ingress
              stage: deny
              since: 2026-11-01
              warnSince: 1️⃣2026-11-10
        """), expect: [(.warnSinceAfterSince, "1️⃣")]),
        PolicyCase("deny with builtin enforcement", PolicyFixture.edits(builtin, namespace("""
            - name: ingress
              stage: 1️⃣deny
              since: 2026-11-20
              warnSince: 2026-11-01
        """)), expect: [(.denyWithBuiltinEnforcement, "1️⃣")]),
        PolicyCase("warn with builtin enforcement", builtin, expect: []),
    ]

    @Test(arguments: cases) func reports(_ example: PolicyCase) throws {
        try example.check()
    }
}
