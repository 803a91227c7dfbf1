import Testing
@testable import TrustPolicyCompiler

@Suite struct OverlappingIdentitiesRuleTests {
    static func teamIdentity(subject: String) -> [String: String?] {
        PolicyFixture.edits(
            PolicyFixture.edit("teams/platform.yaml", ["signingIdentities: [prod-build]": "signingIdentities: [prod-build, platform-release]"]),
            PolicyFixture.edit("identities/prod-build.yaml", ["subject: \"C=US": "subject: 2️⃣\"C=US"]),
            ["identities/platform-release.yaml": """
            apiVersion: trustc/v1
            kind: SigningIdentity
            metadata:
              name: platform-release
            spec:
              environment: production
              subject: 1️⃣"\(subject)"
              keyVault:
                vaultURI: https://kv-contoso-prod.vault.azure.net/
                keyName: platform-release
                certificateName: platform-release-root
                clientID: 3f1c5a2e-6b7d-4e8f-9a0b-1c2d3e4f5a6b
              certificates:
                - file: certs/root.pem
            """]
        )
    }

    static let cases: [PolicyCase] = [
        PolicyCase("team identity whose subject is a subset of the shared identity's",
                   teamIdentity(subject: "C=US, ST=WA, O=Contoso"),
                   expect: [(.overlappingIdentities, "1️⃣")]),
        PolicyCase("identical subjects overlap both ways but are reported once",
                   teamIdentity(subject: "C=US, ST=WA, O=Contoso, OU=Build, CN=prod-build"),
                   expect: [(.overlappingIdentities, "1️⃣")]),
        PolicyCase("subjects that differ in a shared attribute do not overlap",
                   teamIdentity(subject: "C=US, ST=WA, O=Contoso, OU=Build, CN=platform-release"),
                   expect: []),
    ]

    @Test(arguments: cases) func reports(_ example: PolicyCase) throws {
        try example.check()
    }

    @Test func noteShowsTheOtherSubject() throws {
        let outcome = try Self.cases[0].check()
        let overlap = try outcome.diagnostic(.overlappingIdentities)
        #expect(overlap.notes.map(\.location) == [outcome.location("2️⃣")])
    }
}
