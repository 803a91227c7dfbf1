import Testing
@testable import TrustPolicyCompiler

/// Which statement covers an image, asked of the factors (registries × repositories) without
/// spelling the scopes out, and what a statement verifies timestamps with.
@Suite struct StatementLookupTests {
    static let sample: ResolvedPolicy = { try! Sample.compile().model }()

    @Test func findsTheStatementOfAScope() throws {
        let production = try #require(Self.sample.environment(named: "production")).trust
        #expect(production.policy(covering: "contosoprod.azurecr.io/payments/api")?.name == "production.payments-release")
        #expect(production.policy(covering: "contosoprod.azurecr.io/checkout/web")?.name == "production")
        // Scopes are exact: another registry, a prefix, an unowned repository or no path at all.
        for scope in ["contosostaging.azurecr.io/checkout/web", "contosoprod.azurecr.io/payments", "contosoprod.azurecr.io/payments/api/v2",
                      "contosoprod.azurecr.io/payments/ledger", "contosoprod.azurecr.io"] {
            #expect(production.policy(covering: scope) == nil, "\(scope)")
        }
        // Every scope spelled out is found, and it is found in its own statement.
        for policy in production.policies {
            for scope in policy.scopes {
                #expect(policy.scopes.contains(loginServer: scope.loginServer, repository: scope.repository))
                #expect(production.policy(covering: scope.description)?.name == policy.name)
            }
        }
    }

    @Test func aNamespacedVerifierHoldsOnlyItsTeamsScopes() throws {
        let cluster = try #require(Self.sample.cluster(named: "aks-prod-weu-1"))
        let payments = cluster.enforcement.namespace(named: "payments")
        let limited = Self.sample.statements(of: cluster, namespace: payments)
        #expect(limited.statement(covering: "contosoprod.azurecr.io", repository: "payments/api")?.name == "production.payments-release")
        #expect(limited.statement(covering: "contosoprod.azurecr.io", repository: "checkout/web") == nil)
        let clusterWide = Self.sample.statements(of: cluster, namespace: cluster.enforcement.namespace(named: "checkout"))
        #expect(clusterWide.statement(covering: "contosoprod.azurecr.io", repository: "checkout/web")?.name == "production")
        #expect(Self.sample.statements(of: cluster).map(\.name) == clusterWide.map(\.name))
    }

    @Test func statementsKnowTheirStoresAndTimestampRule() throws {
        let policies = try #require(Self.sample.environment(named: "production")).trust.policies
        let release = try #require(policies.first { $0.name == "production.payments-release" })
        #expect(Self.sample.trustStores(of: release).map(\.description) == ["ca:payments-release", "ca:prod-build", "tsa:payments-release"])
        #expect(Self.sample.timestampRule(of: release) == .afterCertExpiry)
        let shared = try #require(policies.first { $0.name == "production" })
        #expect(Self.sample.trustStores(of: shared).map(\.description) == ["ca:prod-build"])
        #expect(Self.sample.timestampRule(of: shared) == TimestampRule.none)
    }
}
