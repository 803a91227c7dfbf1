import Testing
@testable import TrustPolicyCompiler

/// `IdentifierFormats`: each validator on values just inside and just outside its rules.
@Suite struct IdentifierFormatsTests {
    static let guid = "72f988bf-86f1-41af-91ab-2d7cd011db47"

    static func expect(_ check: (String) -> Bool, accepts good: [String], rejects bad: [String],
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for text in good {
            #expect(check(text), "should accept \(text.debugDescription)", sourceLocation: sourceLocation)
        }
        for text in bad {
            #expect(!check(text), "should reject \(text.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    @Test func guid() {
        Self.expect(IdentifierFormats.isGUID, accepts: [
            Self.guid, Self.guid.uppercased(), "00000000-0000-0000-0000-000000000000", "aBcDeF01-2345-6789-abcd-EF0123456789",
        ], rejects: [
            "", String(Self.guid.dropLast()), Self.guid + "0", "{\(Self.guid)}",
            "72f988bf86f1-41af-91ab-2d7cd011db47-",          // a hyphen out of place, same length
            "72f988bf-86f1-41af-91ab_2d7cd011db47",          // another separator
            "72f988bg-86f1-41af-91ab-2d7cd011db47",          // g is not hex
            "72f988bf-86f1-41af-91ab-2d7cd011db4é",          // non-ASCII, 36 characters
            "72f988bf-86f1-41af-91ab-2d7cd011db٤",           // an Arabic-Indic digit
        ])
    }

    @Test func loginServer() {
        let label63 = String(repeating: "a", count: 63)
        // 4 labels of 63 and one of 1: 63 * 4 + 1 + 4 dots = 257; three of 63 and one of 61: 253.
        let host253 = [label63, label63, label63, String(repeating: "b", count: 61)].joined(separator: ".")
        #expect(host253.count == 253)
        Self.expect(IdentifierFormats.isLoginServer, accepts: [
            "contosoprod.azurecr.io", "localhost", "localhost:5000", "a", "1", "a-b.c-d.io", "0a.io", "registry:1", "registry:65535",
            label63 + ".io", host253, "xn--bcher-kva.example",
        ], rejects: [
            "", "Contoso.azurecr.io", "contoso_prod.azurecr.io", "-a.io", "a-.io", "a..io", ".a.io", "a.io.", "a.-b.io",
            label63 + "a.io", host253 + "b", "registry:0", "registry:65536", "registry:", "registry:+80", "registry:8a",
            "registry:80:90", ":5000", "a b.io", "bücher.example", "https://contoso.azurecr.io", "contoso.azurecr.io/repo",
        ])
    }

    @Test func region() {
        Self.expect(IdentifierFormats.isRegion, accepts: [
            "westeurope", "eastus2", "a", String(repeating: "a", count: 40), "a1",
        ], rejects: [
            "", String(repeating: "a", count: 41), "2eastus", "WestEurope", "west-europe", "west europe", "westeuropé",
        ])
    }

    @Test func repository() {
        let component255 = String(repeating: "a", count: 255)
        Self.expect(IdentifierFormats.isRepository, accepts: [
            "payments/api", "a", "a/b/c", "a.b", "a_b", "a__b", "a-b", "a---b", "a1/2b", "0", component255,
            "team/sub.component_x--y",
        ], rejects: [
            "", component255 + "a", "Payments/api", "a/", "/a", "a//b", "-a", "a-", ".a", "a.", "_a", "a_",
            "a___b", "a..b", "a._b", "a.-b", "a-.b", "a_-b", "a b", "a:b", "a@b", "paymënts/api",
        ])
    }

    @Test func managedClusterResourceID() {
        let prefix = "/subscriptions/\(Self.guid)/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/"
        let name63 = "a" + String(repeating: "-", count: 61) + "b"
        let group90 = String(repeating: "g", count: 90)
        Self.expect(IdentifierFormats.isManagedClusterResourceID, accepts: [
            prefix + "aks-prod-weu-1", prefix + "a", prefix + name63, prefix + "aks_prod", prefix + "AKS1",
            "/SUBSCRIPTIONS/\(Self.guid)/RESOURCEGROUPS/rg/PROVIDERS/microsoft.containerservice/MANAGEDCLUSTERS/aks",
            "/subscriptions/\(Self.guid)/resourceGroups/\(group90)/providers/Microsoft.ContainerService/managedClusters/aks",
            "/subscriptions/\(Self.guid)/resourceGroups/rg.(1)_x-y/providers/Microsoft.ContainerService/managedClusters/aks",
        ], rejects: [
            "", prefix, prefix + name63 + "c", prefix + "-aks", prefix + "aks-", prefix + "aks.1", prefix + "aks/extra",
            prefix + "aks/", String(prefix.dropFirst()) + "aks",
            "/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks",
            "/subscriptions/\(Self.guid)/resourceGroups/\(group90)g/providers/Microsoft.ContainerService/managedClusters/aks",
            "/subscriptions/\(Self.guid)/resourceGroups/rg./providers/Microsoft.ContainerService/managedClusters/aks",
            "/subscriptions/\(Self.guid)/resourceGroups//providers/Microsoft.ContainerService/managedClusters/aks",
            "/subscriptions/\(Self.guid)/resourceGroups/rg/providers/Microsoft.Compute/managedClusters/aks",
            "/subscriptions/\(Self.guid)/resourceGroups/rg/providers/Microsoft.ContainerService/connectedClusters/aks",
            // Non-ASCII anywhere (the general path): in the name, in the group, in a segment
            // (`ſ`, whose uppercase is `S`, and `İ`, whose lowercase starts with `i`).
            prefix + "aks-ü", "/subscriptions/\(Self.guid)/resourceGroups/rg-ü/providers/Microsoft.ContainerService/managedClusters/aks",
            "/\u{17F}ubscriptions/\(Self.guid)/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks",
            "/subscriptions/\(Self.guid)/resourceGroups/rg/prov\u{130}ders/Microsoft.ContainerService/managedClusters/aks",
        ])
    }

    @Test func policyDefinitionScope() {
        let group90 = String(repeating: "m", count: 90)
        Self.expect(IdentifierFormats.isPolicyDefinitionScope, accepts: [
            "/providers/Microsoft.Management/managementGroups/contoso", "/subscriptions/\(Self.guid)",
            "/SUBSCRIPTIONS/\(Self.guid)", "/providers/microsoft.management/MANAGEMENTGROUPS/a",
            "/providers/Microsoft.Management/managementGroups/\(group90)",
            "/providers/Microsoft.Management/managementGroups/a-b_c(d).e",
        ], rejects: [
            "", "/", "/subscriptions/", "/subscriptions/\(Self.guid)/", "/subscriptions/not-a-guid", "subscriptions/\(Self.guid)",
            "/providers/Microsoft.Management/managementGroups/", "/providers/Microsoft.Management/managementGroups/\(group90)m",
            "/providers/Microsoft.Management/managementGroups/contoso.", "/providers/Microsoft.Management/managementGroups/con toso",
            "/providers/Microsoft.Management/managementGroups/contoso/", "/providers/Microsoft.Authorization/managementGroups/contoso",
            "/providers/Microsoft.Management/managementGroups/contosö",
        ])
    }

    @Test func vaultURI() {
        Self.expect(IdentifierFormats.isVaultURI, accepts: [
            "https://kv-contoso-prod.vault.azure.net/", "https://kv-contoso-prod.vault.azure.net", "https://kv1.vault.azure.net/",
            "https://abc.vault.azure.cn/", "https://abc.vault.usgovcloudapi.net/", "https://abc.vault.microsoftazure.de/",
            "https://\(String(repeating: "k", count: 24)).vault.azure.net/", "https://KV1.vault.azure.net/",
        ], rejects: [
            "", "http://kv1.vault.azure.net/", "https://kv.vault.azure.net/", "https://\(String(repeating: "k", count: 25)).vault.azure.net/",
            "https://1kv.vault.azure.net/", "https://kv-.vault.azure.net/", "https://-kv.vault.azure.net/", "https://k_v.vault.azure.net/",
            "https://kv1.vault.azure.com/", "https://kv1.vault.azure.net//", "https://kv1.vault.azure.net/secrets",
            "https://a.kv1.vault.azure.net/", "https://.vault.azure.net/", "https://kvé.vault.azure.net/", "kv1.vault.azure.net",
        ])
    }

    @Test func keyVaultObjectName() {
        Self.expect(IdentifierFormats.isKeyVaultObjectName, accepts: [
            "a", "prod-build", "Prod-Build-2", "1", String(repeating: "a", count: 127), "-",
        ], rejects: [
            "", String(repeating: "a", count: 128), "prod_build", "prod.build", "prod build", "prød",
        ])
    }

    @Test func keyVaultVersion() {
        Self.expect(IdentifierFormats.isKeyVaultVersion, accepts: [
            "5d0b3b4e2f1a4c6e8f9a0b1c2d3e4f5a", "5D0B3B4E2F1A4C6E8F9A0B1C2D3E4F5A", String(repeating: "0", count: 32),
        ], rejects: [
            "", String(repeating: "0", count: 31), String(repeating: "0", count: 33), "5d0b3b4e2f1a4c6e8f9a0b1c2d3e4f5g",
            "5d0b3b4e-2f1a-4c6e-8f9a-0b1c2d3e", "5d0b3b4e2f1a4c6e8f9a0b1c2d3e4f5é",
        ])
    }

    @Test func owner() {
        Self.expect(IdentifierFormats.isOwner, accepts: [
            "@user", "@contoso/payments", "@a.b_c-d/e.f_g-h", "someone@contoso.com", "first.last+tag@example.co.uk", "a@b.c",
        ], rejects: [
            "", "@", "@/team", "@org/", "@org/team/x", "@org//team", "@user name", "@us:er", "user", "a@b", "@a@b.c",
            "a@b@c.d", "@contoso/pay ments", "a b@c.d", "ü@c.d", "@ü",
        ])
    }
}
