import Testing
@testable import TrustPolicyCompiler

@Suite struct RatifyInstallationRuleTests {
    /// The baseline organisation on the AKS Image Integrity add-on, with built-in enforcement.
    static let addOn = PolicyFixture.edit("organization.yaml", [
        "  policyDefinitionScope: /providers/Microsoft.Management/managementGroups/contoso":
            "  policyDefinitionScope: /providers/Microsoft.Management/managementGroups/contoso\n  ratify: 9️⃣imageIntegrity\n  enforcement: builtin",
    ])

    static let cases: [PolicyCase] = [
        PolicyCase("the add-on with the custom definition, and a deny namespace", PolicyFixture.edits(
            PolicyFixture.edit("organization.yaml", [
                "  policyDefinitionScope: /providers/Microsoft.Management/managementGroups/contoso":
                    "  policyDefinitionScope: /providers/Microsoft.Management/managementGroups/contoso\n  ratify: imageIntegrity\n  enforcement: 1️⃣custom",
            ]),
            PolicyFixture.edit("clusters/aks-prod-weu-1.yaml", [
                "      stage: warn\n      since: 2026-11-01": "      stage: 2️⃣deny\n      since: 2026-11-20\n      warnSince: 2026-11-01",
            ])
        ), expect: [(.customEnforcementWithImageIntegrity, "1️⃣"), (.denyWithImageIntegrity, "2️⃣")]),
        PolicyCase("the add-on and a timestamp authority", PolicyFixture.edits(addOn, PolicyFixture.edit("identities/prod-build.yaml", [
            "  certificates:\n    - file: certs/root.pem": "  certificates:\n    - file: certs/root.pem\n  timestampAuthority:\n    file: 1️⃣certs/tsa.pem",
        ])), certificates: ["identities/certs/tsa.pem": "tsa-root.pem"], expect: [(.timestampNotHonoured, "1️⃣")]),
        PolicyCase("the add-on and a namespace limited to a team", PolicyFixture.edits(addOn, PolicyFixture.edit("clusters/aks-prod-weu-1.yaml", [
            "      since: 2026-11-01": "      since: 2026-11-01\n      trustedTeams: [1️⃣platform]",
        ])), expect: [(.namespacedVerifierNotHonoured, "1️⃣")]),
        PolicyCase("a self-managed Ratify honours all of it", PolicyFixture.edits(
            PolicyFixture.edit("organization.yaml", [
                "  policyDefinitionScope: /providers/Microsoft.Management/managementGroups/contoso":
                    "  policyDefinitionScope: /providers/Microsoft.Management/managementGroups/contoso\n  ratify: selfManaged",
            ]),
            PolicyFixture.edit("identities/prod-build.yaml", [
                "  certificates:\n    - file: certs/root.pem": "  certificates:\n    - file: certs/root.pem\n  timestampAuthority:\n    file: certs/tsa.pem",
            ]),
            PolicyFixture.edit("clusters/aks-prod-weu-1.yaml", ["      since: 2026-11-01": "      since: 2026-11-01\n      trustedTeams: [platform]"])
        ), certificates: ["identities/certs/tsa.pem": "tsa-root.pem"], expect: []),
    ]

    @Test(arguments: cases) func reports(_ example: PolicyCase) throws {
        try example.check()
    }

    @Test func everyFindingPointsAtTheSetting() throws {
        let outcome = try Self.cases[2].check()
        let diagnostic = try outcome.diagnostic(.namespacedVerifierNotHonoured)
        #expect(diagnostic.notes.map(\.location) == [outcome.location("9️⃣")])
    }

    /// What the add-on gets: the flat certificate-store form of Ratify 1.2 and a trust policy
    /// without timestamp authorities, which its notation-go 1.0 would refuse.
    @Test func theAddOnGetsWhatRatify12Reads() throws {
        let fixture = try PolicyFixture(PolicyFixture.edits(Self.addOn, PolicyFixture.edit("identities/prod-build.yaml", [
            "  certificates:\n    - file: certs/root.pem": "  certificates:\n    - file: certs/root.pem\n  timestampAuthority:\n    file: certs/tsa.pem",
        ])).mapValues { $0.map { MarkedText($0).text } }, certificates: ["identities/certs/tsa.pem": "tsa-root.pem"])
        defer { fixture.remove() }
        let model = try fixture.compile().model
        let verifier = try #require(BundleRenderer().render(model).files.first { $0.path == "production/_base/ratify/verifier.yaml" })
        let text = String(decoding: verifier.contents, as: UTF8.self)
        #expect(text.contains("verificationCertStores:\n      prod-build:\n"), "\(text)")
        #expect(!text.contains("tsa"), "\(text)")
    }
}
