import Testing
@testable import TrustPolicyCompiler

/// The resolver's grouping of registry scopes: sorted by login server then repository, every
/// team repository in every registry of the environment, and no statement without scopes.
@Suite struct ResolverScopeTests {
    private func resolve(_ documents: [String]) -> ResolvedPolicy {
        let files = documents.enumerated().map { SourceFile(path: "f\($0.offset).yaml", bytes: Array($0.element.utf8)) }
        return CompilerDriver.compile(files: files, options: .init(today: CivilDate(year: 2026, month: 11, day: 25)!)).model
    }

    private let organization = """
        apiVersion: trustc/v1
        kind: Organization
        metadata: { name: contoso }
        spec: { platformTeam: zeta, tenantID: 72f988bf-86f1-41af-91ab-2d7cd011db47 }
        """

    private func environment(_ name: String) -> String {
        """
        apiVersion: trustc/v1
        kind: Environment
        metadata: { name: \(name) }
        spec: { tier: nonproduction, signingIdentities: [] }
        """
    }

    private func registry(_ name: String, _ server: String, _ environment: String) -> String {
        """
        apiVersion: trustc/v1
        kind: Registry
        metadata: { name: \(name) }
        spec: { environment: \(environment), loginServer: \(server), regions: [westeurope] }
        """
    }

    private func team(_ name: String, environments: [String], repositories: [String]) -> String {
        """
        apiVersion: trustc/v1
        kind: Team
        metadata: { name: \(name) }
        spec:
          owners: ["@contoso/\(name)"]
          environments: [\(environments.joined(separator: ", "))]
          repositories: [\(repositories.joined(separator: ", "))]
          signingIdentities: []
        """
    }

    @Test func scopesAreSortedByLoginServerThenRepositoryAcrossTeamsAndRegistries() throws {
        let model = resolve([
            organization, environment("development"),
            registry("b-registry", "bbb.azurecr.io", "development"),
            registry("a-registry", "zzz.azurecr.io", "development"),
            registry("c-registry", "aaa.azurecr.io", "development"),
            team("zeta", environments: ["development"], repositories: ["zeta/web", "alpha/z", "mid/x"]),
            team("alpha", environments: ["development"], repositories: ["omega/api", "beta/api"]),
        ])
        let development = try #require(model.environment(named: "development"))
        let scopes = development.trust.policies.flatMap(\.scopes)
        let expected = ["aaa.azurecr.io", "bbb.azurecr.io", "zzz.azurecr.io"].flatMap { server in
            ["alpha/z", "beta/api", "mid/x", "omega/api", "zeta/web"].map { "\(server)/\($0)" }
        }
        #expect(scopes.map(\.description) == expected)
        for policy in development.trust.policies {
            #expect(Array(policy.scopes) == policy.scopes.sorted())
        }
    }

    @Test func anEnvironmentWithoutRegistriesHasNoTrustStatement() throws {
        let model = resolve([
            organization, environment("development"), environment("sandbox"),
            registry("dev", "dev.azurecr.io", "development"),
            team("zeta", environments: ["development", "sandbox"], repositories: ["zeta/web"]),
        ])
        let sandbox = try #require(model.environment(named: "sandbox"))
        #expect(sandbox.trust.policies.isEmpty)
        #expect(sandbox.ownPolicies.isEmpty)
        let development = try #require(model.environment(named: "development"))
        #expect(development.trust.policies.map { $0.scopes.map(\.description) } == [["dev.azurecr.io/zeta/web"]])
    }
}
