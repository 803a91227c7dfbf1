import Testing
@testable import TrustPolicyCompiler

/// A statement's scopes kept as registries × repositories: the product in reference order, the
/// cut to a few teams, and equality by the scopes themselves.
@Suite struct RegistryScopesTests {
    private let scopes = RegistryScopes(
        registries: [.init(loginServer: "zzz.azurecr.io", name: "z"), .init(loginServer: "aaa.azurecr.io", name: "a")],
        repositories: [.init(repository: "web/front", team: "web"), .init(repository: "api/orders", team: "api"),
                       .init(repository: "web/admin", team: "web"), .init(repository: "jobs/nightly", team: "jobs")])

    @Test func theProductIsInReferenceOrder() {
        let expected = ["aaa.azurecr.io", "zzz.azurecr.io"].flatMap { server in
            ["api/orders", "jobs/nightly", "web/admin", "web/front"].map { "\(server)/\($0)" }
        }
        #expect(scopes.count == 8)
        #expect(scopes.map(\.description) == expected)
        #expect(scopes.references == expected)
        #expect(Array(scopes) == scopes.sorted())
        #expect(scopes[4].registry == "z" && scopes[4].team == "api" && scopes[4].repository == "api/orders")
    }

    @Test func aCutKeepsOnlyTheTeamsRepositoriesInOrder() {
        let cut = scopes.limited(toTeams: ["web", "jobs"])
        #expect(cut.references == ["aaa.azurecr.io/jobs/nightly", "aaa.azurecr.io/web/admin", "aaa.azurecr.io/web/front",
                                   "zzz.azurecr.io/jobs/nightly", "zzz.azurecr.io/web/admin", "zzz.azurecr.io/web/front"])
        #expect(cut.teams == ["jobs", "web"])
        #expect(scopes.teams == ["api", "jobs", "web"])
        #expect(scopes.limited(toTeams: ["unknown"]).isEmpty)
        // A cut of a cut is the cut of the intersection.
        #expect(cut.limited(toTeams: ["web", "api"]) == scopes.limited(toTeams: ["web"]))
    }

    @Test func equalScopesAreEqualHoweverTheyWereMade() {
        let reordered = RegistryScopes(
            registries: Array(scopes.registries.reversed()),
            repositories: Array(scopes.repositories.reversed()))
        #expect(reordered == scopes)
        #expect(reordered.hashValue == scopes.hashValue)
        #expect(scopes.limited(toTeams: ["api", "jobs", "web"]) == scopes)
        #expect(scopes.limited(toTeams: ["api"]) != scopes)
    }

    @Test func withoutRegistriesOrRepositoriesThereAreNoScopes() {
        #expect(RegistryScopes(registries: [], repositories: scopes.repositories).isEmpty)
        #expect(RegistryScopes(registries: scopes.registries, repositories: []).references.isEmpty)
    }
}
