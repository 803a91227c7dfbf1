import Foundation
import Testing
@testable import TrustPolicyCompiler

@Suite struct CompilerTests {
    @Test func diagnosticsOfOneFileAreCappedWithANote() throws {
        var text = "apiVersion: trustc/v1\n"
        for index in 0..<150 { text += "apiVersion: v\(index)\n" }
        let fixture = try PolicyFixture(["flood.yaml": text])
        defer { fixture.remove() }
        var limits = LoaderLimits()
        limits.maxDiagnosticsPerFile = 20
        let compilation = try fixture.compile(limits: limits)
        let flood = compilation.diagnostics.filter { $0.location?.file == "flood.yaml" }
        #expect(flood.filter { $0.severity == .error }.count == 20)
        let notes = flood.filter { $0.severity == .note }
        #expect(notes.count == 1)
        #expect(notes.first?.message == "131 more diagnostics in this file are not shown")
        // It comes after the diagnostics shown, where a reader looks for more.
        #expect(flood.last?.severity == .note)
        #expect(notes.first?.location?.line == 20)
        // The kept ones are the first in reporting order: `kind` missing (at the document) and
        // the first repeats.
        #expect(flood.filter { $0.severity == .error }.map { $0.location!.line } == Array(1...20))
        #expect(flood.first { $0.severity == .error }?.code == .missingField)
    }

    @Test func aBrokenDocumentDoesNotHideTheOthersOfItsFile() throws {
        let team = PolicyFixture.baseline["teams/platform.yaml"]!
        try PolicyCase("broken middle document", ["teams/platform.yaml": team + """

        ---
        apiVersion: trustc/v1
        kind: Team
        metadata: {name: [broken
        1️⃣---
        apiVersion: trustc/v1
        kind: Team
        metadata:
          name: search
        spec:
          owners: ["@contoso/search"]
          environments: [production]
          repositories: [search/api, 2️⃣platform/ingress]
          signingIdentities: [prod-build]
        """], expect: [(.yamlSyntax, "1️⃣"), (.repositoryOwnedTwice, "2️⃣")]).check()
    }

    @Test func diagnosticsAreSortedAndWithoutRepeats() throws {
        let outcome = try PolicyCase("several files", PolicyFixture.edits(
            PolicyFixture.edit("teams/platform.yaml", ["signingIdentities: [prod-build]": "signingIdentities: [1️⃣prod-buld]"]),
            PolicyFixture.edit("registries.yaml", ["regions: [westeurope]": "regions: [westeurope, 2️⃣West]"]),
            PolicyFixture.edit("clusters/aks-prod-weu-1.yaml", ["stage: warn": "stage: 3️⃣dny"])
        ), expect: [(.unknownReference, "1️⃣"), (.invalidRegion, "2️⃣"), (.invalidEnumValue, "3️⃣")]).check()
        let locations = outcome.diagnostics.compactMap(\.location)
        #expect(locations == locations.sorted())
        #expect(Set(outcome.diagnostics).count == outcome.diagnostics.count)
    }

    @Test func compilingTwiceGivesTheSameResult() throws {
        let fixture = try PolicyFixture(PolicyFixture.edit("registries.yaml", ["regions: [westeurope]": "regions: [West, x_y, westeurope]"]))
        defer { fixture.remove() }
        #expect(try fixture.compile().diagnostics == fixture.compile().diagnostics)
    }

    @Test func samplePoliciesCompileWithoutDiagnostics() throws {
        let compilation = try CompilerDriver.compile(directory: PackageRoot.url.appendingPathComponent("policies").path,
                                                     options: .init(today: PolicyFixture.today))
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
        #expect(compilation.decoded.clusterNames.count == 6)
        #expect(compilation.model.environments.map(\.name) == ["development", "production", "staging"])
    }

    @Test func missingDirectoryThrows() {
        #expect(throws: PolicyDirectory.OpenError.notFound("/nonexistent")) {
            try CompilerDriver.compile(directory: "/nonexistent", options: .init(today: PolicyFixture.today))
        }
    }
}
