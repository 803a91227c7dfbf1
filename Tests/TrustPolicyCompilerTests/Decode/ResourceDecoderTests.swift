import Testing
@testable import TrustPolicyCompiler

@Suite struct ResourceDecoderTests {
    static let cluster = """
    apiVersion: trustc/v1
    kind: Cluster
    metadata:
      name: aks-prod-weu-1
    spec:
      environment: production
      region: westeurope
      resourceID: /subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks
      namespaces:
        - name: ingress
          stage: warn
          since: 2026-11-01
    """

    static let environment = PolicyFixture.baseline["environments.yaml"]!

    static let registry = PolicyFixture.baseline["registries.yaml"]!

    static let identity = PolicyFixture.baseline["identities/prod-build.yaml"]!

    /// `text` with each key of `replacements` (occurring exactly once) replaced by its value.
    static func edit(_ text: String, _ replacements: KeyValuePairs<String, String>) -> String {
        var result = text
        for (old, new) in replacements {
            let parts = result.components(separatedBy: old)
            precondition(parts.count == 2, "`\(old)` occurs \(parts.count - 1) times, not once")
            result = parts.joined(separator: new)
        }
        return result
    }

    static let cases: [FileCase] = [
        FileCase("a document of another apiVersion is skipped", "1️⃣apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n",
                 decode: true, expect: [(.foreignDocumentSkipped, "1️⃣")], mentions: ["`apiVersion: apps/v1` is not trustc's"]),
        FileCase("a document with neither apiVersion nor a trustc kind is skipped", "1️⃣replicaCount: 2\nimage: {tag: v1}\n",
                 decode: true, expect: [(.foreignDocumentSkipped, "1️⃣")], mentions: ["neither an apiVersion nor a kind"]),
        FileCase("unknown kind with did-you-mean", edit(cluster, ["kind: Cluster": "kind: 1️⃣Clustr"]),
                 decode: true, expect: [(.unknownKind, "1️⃣")], mentions: ["Did you mean `Cluster`?"]),
        FileCase("kind in the wrong case", edit(cluster, ["kind: Cluster": "kind: 1️⃣cluster"]),
                 decode: true, expect: [(.unknownKind, "1️⃣")], mentions: ["Did you mean `Cluster`?"]),
        FileCase("wrong apiVersion", edit(cluster, ["apiVersion: trustc/v1": "apiVersion: 1️⃣trustc/v2"]),
                 decode: true, expect: [(.unsupportedAPIVersion, "1️⃣")], mentions: ["write `apiVersion: trustc/v1`"]),
        FileCase("missing apiVersion, reported at the document", edit(cluster, ["apiVersion: trustc/v1\nkind": "1️⃣kind"]),
                 decode: true, expect: [(.missingField, "1️⃣")], mentions: ["`apiVersion` is required"]),
        FileCase("missing kind", edit(cluster, ["kind: Cluster\n": "", "apiVersion": "1️⃣apiVersion"]),
                 decode: true, expect: [(.missingField, "1️⃣")], mentions: ["`kind` is required"]),
        FileCase("missing required field, reported at its mapping", edit(cluster, [
            "  region: westeurope\n": "", "spec:\n  environment": "spec:\n  1️⃣environment",
        ]), decode: true, expect: [(.missingField, "1️⃣")], mentions: ["`spec.region` is required", "add `region:` to `spec`"]),
        FileCase("required field without a value", edit(cluster, ["region: westeurope": "region:1️⃣"]),
                 decode: true, expect: [(.missingField, "1️⃣")], mentions: ["`spec.region` is required but has no value"]),
        FileCase("required field that is null", edit(cluster, ["region: westeurope": "region: 1️⃣null"]),
                 decode: true, expect: [(.missingField, "1️⃣")]),
        FileCase("missing name", edit(cluster, ["metadata:\n  name: aks-prod-weu-1": "metadata:\n  1️⃣labels: {}"]),
                 decode: true, expect: [(.missingField, "1️⃣")], mentions: ["`metadata.name` is required"]),
        FileCase("missing field of a list item", edit(cluster, ["      stage: warn\n": "", "    - name: ingress": "    - 1️⃣name: ingress"]),
                 decode: true, expect: [(.missingField, "1️⃣")], mentions: ["`spec.namespaces[0].stage` is required"]),
        FileCase("unknown field with did-you-mean", edit(cluster, ["  namespaces:": "  1️⃣namspaces:", "spec:\n  environment": "spec:\n  2️⃣environment"]),
                 decode: true, expect: [(.unknownField, "1️⃣"), (.missingField, "2️⃣")], mentions: ["Did you mean `namespaces`?"]),
        FileCase("field name in the wrong case", edit(cluster, ["      since: 2026-11-01": "      since: 2026-11-01\n      1️⃣WarnSince: 2026-10-01"]),
                 decode: true, expect: [(.unknownField, "1️⃣")], mentions: ["Did you mean `warnSince`?"]),
        FileCase("unknown field in metadata", edit(cluster, ["  name: aks-prod-weu-1": "  name: aks-prod-weu-1\n  1️⃣annotations: {}"]),
                 decode: true, expect: [(.unknownField, "1️⃣")]),
        FileCase("unknown top-level field", edit(cluster, ["spec:\n  environment": "1️⃣specs:\n  environment", "apiVersion": "2️⃣apiVersion"]),
                 decode: true, expect: [(.unknownField, "1️⃣"), (.missingField, "2️⃣")], mentions: ["Did you mean `spec`?"]),
        FileCase("list where a string is expected", edit(cluster, ["region: westeurope": "region: 1️⃣[westeurope]"]),
                 decode: true, expect: [(.wrongType, "1️⃣")], mentions: ["`spec.region` must be a string, not a list"]),
        FileCase("string where a list is expected", edit(cluster, [
            "  namespaces:\n    - name: ingress\n      stage: warn\n      since: 2026-11-01": "  namespaces: 1️⃣ingress",
        ]), decode: true, expect: [(.wrongType, "1️⃣")], mentions: ["write it as `namespaces: [ingress]`"]),
        FileCase("string where a mapping is expected", edit(cluster, ["metadata:\n  name: aks-prod-weu-1": "metadata: 1️⃣aks-prod-weu-1"]),
                 decode: true, expect: [(.wrongType, "1️⃣")], mentions: ["`metadata` must be a mapping"]),
        FileCase("list item that is not a mapping", edit(cluster, [
            "  namespaces:\n    - name: ingress\n      stage: warn\n      since: 2026-11-01": "  namespaces:\n    - 1️⃣ingress",
        ]), decode: true, expect: [(.wrongType, "1️⃣")]),
        FileCase("spec that is a list", edit(environment, ["spec:\n  tier: production\n  signingIdentities: [prod-build]": "spec: 1️⃣[]"]),
                 decode: true, expect: [(.wrongType, "1️⃣")]),
        FileCase("quoted integer", edit(environment, ["tier: production": "tier: production\n  minimumWarnDays: 1️⃣\"14\""]),
                 decode: true, expect: [(.wrongType, "1️⃣")], mentions: ["remove the quotes: `minimumWarnDays: 14`"]),
        FileCase("boolean where a string is expected", edit(registry, ["environment: production": "environment: 1️⃣true"]),
                 decode: true, expect: [(.wrongType, "1️⃣")], mentions: ["quote it: \"true\""]),
        FileCase("octal-looking name", edit(registry, ["name: contosoprod": "name: 1️⃣0777"]),
                 decode: true, expect: [(.wrongType, "1️⃣")], mentions: ["the integer 777", "quote it: \"0777\""]),
        FileCase("float-looking string", edit(identity, ["keyName: prod-build": "keyName: 1️⃣1e3"]),
                 decode: true, expect: [(.wrongType, "1️⃣")], mentions: ["a floating-point number"]),
        FileCase("invalid enum value with did-you-mean", edit(cluster, ["stage: warn": "stage: 1️⃣dny"]),
                 decode: true, expect: [(.invalidEnumValue, "1️⃣")], mentions: ["Did you mean `deny`?"]),
        FileCase("enum value in the wrong case", edit(environment, ["tier: production": "tier: 1️⃣Production"]),
                 decode: true, expect: [(.invalidEnumValue, "1️⃣")], mentions: ["Did you mean `production`?"]),
        FileCase("invalid name with a suggestion", edit(registry, ["name: contosoprod": "name: 1️⃣Contoso_Prod"]),
                 decode: true, expect: [(.invalidName, "1️⃣")], mentions: ["for example `contoso-prod`"]),
        FileCase("name starting with a digit", edit(registry, ["name: contosoprod": "name: 1️⃣1prod"]),
                 decode: true, expect: [(.invalidName, "1️⃣")], mentions: ["for example `prod`"]),
        FileCase("name longer than 40 characters", edit(registry, ["name: contosoprod": "name: 1️⃣" + String(repeating: "a", count: 41)]),
                 decode: true, expect: [(.invalidName, "1️⃣")]),
        FileCase("name of 40 characters", edit(registry, ["name: contosoprod": "name: " + String(repeating: "a", count: 40)]),
                 decode: true, expect: []),
        FileCase("date that does not exist", edit(cluster, ["since: 2026-11-01": "since: 1️⃣2026-02-30"]),
                 decode: true, expect: [(.invalidDate, "1️⃣")], mentions: ["`2026-02-30`"]),
        FileCase("date without leading zeros", edit(cluster, ["since: 2026-11-01": "since: 1️⃣2026-11-1"]),
                 decode: true, expect: [(.invalidDate, "1️⃣")]),
        FileCase("leap day", edit(cluster, ["since: 2026-11-01": "since: 2024-02-29"]), decode: true, expect: []),
        FileCase("integer out of range", edit(environment, ["tier: production": "tier: production\n  minimumWarnDays: 1️⃣5000"]),
                 decode: true, expect: [(.invalidInteger, "1️⃣")], mentions: ["between 0 and 3650"]),
        FileCase("negative integer", edit(environment, ["tier: production": "tier: production\n  minimumWarnDays: 1️⃣-1"]),
                 decode: true, expect: [(.invalidInteger, "1️⃣")]),
        FileCase("duplicate list entry", edit(registry, ["regions: [westeurope]": "regions: [westeurope, northeurope, 1️⃣westeurope]"]),
                 decode: true, expect: [(.duplicateListEntry, "1️⃣")]),
        FileCase("document that is a list", """
        1️⃣- apiVersion: trustc/v1
        - kind: Cluster
        """, decode: true, expect: [(.documentNotMapping, "1️⃣")]),
        FileCase("document that is a string", "1️⃣hello\n", decode: true, expect: [(.documentNotMapping, "1️⃣")]),
        FileCase("YAML 1.1 boolean in a free-form string", edit(identity, ["keyName: prod-build": "keyName: 1️⃣no"]),
                 decode: true, expect: [(.yaml11Ambiguity, "1️⃣")], mentions: ["quote it: \"no\""]),
        FileCase("YAML 1.1 boolean in a list of strings", edit(cluster, ["name: ingress": "name: 1️⃣on"]),
                 decode: true, expect: [(.yaml11Ambiguity, "1️⃣")]),
        FileCase("YAML 1.1 boolean that is an allowed enum value", edit(cluster, ["stage: warn": "stage: off"]),
                 decode: true, expect: []),
        FileCase("quoted YAML 1.1 boolean", edit(identity, ["keyName: prod-build": "keyName: 'no'"]),
                 decode: true, expect: []),
        FileCase("empty list that needs an entry", edit(registry, ["regions: [westeurope]": "regions: 1️⃣[]"]),
                 decode: true, expect: [(.emptyList, "1️⃣")]),
        FileCase("empty list that may be empty", edit(environment, ["signingIdentities: [prod-build]": "signingIdentities: []"]),
                 decode: true, expect: []),
        FileCase("empty certificates", edit(identity, ["  certificates:\n    - file: certs/root.pem": "  certificates: 1️⃣[]"]),
                 decode: true, expect: [(.emptyList, "1️⃣")]),
        FileCase("invalid label key and value", edit(cluster, [
            "  name: aks-prod-weu-1": "  name: aks-prod-weu-1\n  labels:\n    1️⃣-ring: canary\n    team: 2️⃣platform-\n    app.kubernetes.io/part-of: trustc",
        ]), decode: true, expect: [(.invalidLabel, "1️⃣"), (.invalidLabel, "2️⃣")]),
        FileCase("label value that is not a string", edit(cluster, ["  name: aks-prod-weu-1": "  name: aks-prod-weu-1\n  labels:\n    canary: 1️⃣true"]),
                 decode: true, expect: [(.wrongType, "1️⃣")]),
        FileCase("timestamp authority that is not a mapping", edit(identity, [
            "    - file: certs/root.pem": "    - file: certs/root.pem\n  timestampAuthority: 1️⃣certs/tsa.pem",
        ]), decode: true, expect: [(.wrongType, "1️⃣")]),
        FileCase("every problem of a document is reported", edit(cluster, [
            "kind: Cluster": "kind: Cluster\n1️⃣extra: 1",
            "region: westeurope": "region: 2️⃣[westeurope]",
            "stage: warn": "stage: 3️⃣dny",
            "since: 2026-11-01": "since: 4️⃣2026-13-01",
        ]), decode: true, expect: [(.unknownField, "1️⃣"), (.wrongType, "2️⃣"), (.invalidEnumValue, "3️⃣"), (.invalidDate, "4️⃣")]),
    ]

    @Test(arguments: cases) func reports(_ example: FileCase) {
        example.check()
    }

    @Test(arguments: [cluster, environment, registry, identity])
    func templatesDecodeCleanly(_ text: String) {
        let result = FileCase("", text, decode: true, expect: []).run()
        #expect(result.diagnostics.isEmpty)
        #expect(result.decoded.count == 1)
        #expect(result.decoded.first?.resource != nil)
    }

    @Test func decodesAClusterWithLocations() throws {
        let result = FileCase("", Self.cluster, decode: true, expect: []).run()
        let decoded = try #require(result.decoded.first)
        #expect(decoded.kind == .cluster)
        let cluster = try #require(decoded.resource as? Cluster)
        #expect(cluster.name == "aks-prod-weu-1")
        #expect(cluster.metadata.name.location == SourceLocation(file: "test.yaml", line: 4, column: 9))
        #expect(cluster.region.value == "westeurope")
        #expect(cluster.region.location == SourceLocation(file: "test.yaml", line: 7, column: 11))
        #expect(cluster.namespaces.map(\.name.value) == ["ingress"])
        #expect(cluster.namespaces.first?.stage.value == .warn)
        #expect(cluster.namespaces.first?.since.value == CivilDate(year: 2026, month: 11, day: 1))
        #expect(cluster.namespaces.first?.since.location == SourceLocation(file: "test.yaml", line: 12, column: 14))
        #expect(cluster.namespaces.first?.warnSince == nil)
    }

    @Test func defaultsAreLocatedAtTheSpec() throws {
        let result = FileCase("", Self.environment, decode: true, expect: []).run()
        let environment = try #require(result.decoded.first?.resource as? Environment)
        #expect(environment.minimumWarnDays.value == 14)
        #expect(environment.verificationLevel.value == .strict)
        #expect(environment.minimumWarnDays.location == SourceLocation(file: "test.yaml", line: 6, column: 3))
    }

    @Test func incompleteResourceKeepsItsName() throws {
        let result = FileCase("", Self.edit(Self.cluster, ["  region: westeurope\n": ""]), decode: true, expect: []).run()
        let decoded = try #require(result.decoded.first)
        #expect(decoded.resource == nil)
        #expect(decoded.declaredName?.value == "aks-prod-weu-1")
    }

    @Test func specIsCheckedEvenWhenTheNameIsInvalid() {
        FileCase("", Self.edit(Self.registry, ["name: contosoprod": "name: 1️⃣Contoso", "regions: [westeurope]": "regions: 2️⃣[]"]),
                 decode: true, expect: [(.invalidName, "1️⃣"), (.emptyList, "2️⃣")]).check()
    }

    @Test func invalidNameIsNotDeclared() throws {
        let result = FileCase("", Self.edit(Self.registry, ["name: contosoprod": "name: Contoso"]), decode: true, expect: []).run()
        #expect(result.decoded.first?.declaredName == nil)
        #expect(result.decoded.first?.resource == nil)
    }

    @Test func duplicateListEntryNotesTheFirst() throws {
        let diagnostics = Self.cases.first { $0.name == "duplicate list entry" }!.check()
        let diagnostic = try #require(diagnostics.first { $0.code == .duplicateListEntry })
        #expect(diagnostic.notes.map(\.location) == [SourceLocation(file: "test.yaml", line: 8, column: 13)])
    }

    @Test func missingFieldMessageNamesTheListItem() throws {
        let diagnostics = Self.cases.first { $0.name == "missing field of a list item" }!.check()
        #expect(diagnostics.map(\.fix) == ["add `stage:` to `spec.namespaces[0]`"])
    }
}
