import Foundation
import Testing
@testable import TrustPolicyCompiler

/// A policy directory written to a temporary folder for one test: a small valid organisation
/// that a test changes file by file, with markers in the changed files to say where
/// diagnostics must point.
struct PolicyFixture {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    static let certificates = fixtures.appendingPathComponent("certificates")
    static let today = CivilDate(year: 2026, month: 11, day: 25)!

    /// The smallest valid organisation: one of each kind.
    static let baseline: [String: String] = [
        "organization.yaml": """
        apiVersion: trustc/v1
        kind: Organization
        metadata:
          name: contoso
        spec:
          platformTeam: platform
          tenantID: 72f988bf-86f1-41af-91ab-2d7cd011db47
          policyDefinitionScope: /providers/Microsoft.Management/managementGroups/contoso
        """,
        "environments.yaml": """
        apiVersion: trustc/v1
        kind: Environment
        metadata:
          name: production
        spec:
          tier: production
          signingIdentities: [prod-build]
        """,
        "registries.yaml": """
        apiVersion: trustc/v1
        kind: Registry
        metadata:
          name: contosoprod
        spec:
          environment: production
          loginServer: contosoprod.azurecr.io
          regions: [westeurope]
        """,
        "identities/prod-build.yaml": """
        apiVersion: trustc/v1
        kind: SigningIdentity
        metadata:
          name: prod-build
        spec:
          environment: production
          subject: "C=US, ST=WA, O=Contoso, OU=Build, CN=prod-build"
          keyVault:
            vaultURI: https://kv-contoso-prod.vault.azure.net/
            keyName: prod-build
            certificateName: prod-build-root
            clientID: 3f1c5a2e-6b7d-4e8f-9a0b-1c2d3e4f5a6b
          certificates:
            - file: certs/root.pem
        """,
        "teams/platform.yaml": """
        apiVersion: trustc/v1
        kind: Team
        metadata:
          name: platform
        spec:
          owners: ["@contoso/platform"]
          environments: [production]
          repositories: [platform/ingress]
          signingIdentities: [prod-build]
          namespaces: [ingress]
        """,
        "clusters/aks-prod-weu-1.yaml": """
        apiVersion: trustc/v1
        kind: Cluster
        metadata:
          name: aks-prod-weu-1
        spec:
          environment: production
          region: westeurope
          resourceID: /subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod-weu-1
          namespaces:
            - name: ingress
              stage: warn
              since: 2026-11-01
        """,
    ]

    /// Certificate files copied from `Fixtures/certificates` (destination → fixture name).
    static let baselineCertificates = ["identities/certs/root.pem": "valid-root.pem"]

    let root: URL
    private(set) var markers: [String: (file: String, line: Int, column: Int)] = [:]

    /// Writes the baseline with `changes` applied (`nil` removes a file); marker positions in
    /// the changed files are recorded.
    init(_ changes: [String: String?] = [:], certificates: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-test-\(UUID().uuidString)")
        var files = Self.baseline.mapValues(Optional.some)
        for (path, content) in changes { files[path] = content }
        for (path, content) in files {
            guard let content else { continue }
            let marked = MarkedText(content)
            for (marker, position) in marked.positions {
                if let other = markers[marker] {
                    Issue.record("marker \(marker) is used in both \(other.file) and \(path); use distinct markers")
                }
                markers[marker] = (path, position.line, position.column)
            }
            try write(marked.text + (marked.text.hasSuffix("\n") ? "" : "\n"), to: path)
        }
        for (destination, fixture) in Self.baselineCertificates.merging(certificates, uniquingKeysWith: { $1 }) {
            let url = root.appendingPathComponent(destination)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.certificates.appendingPathComponent(fixture), to: url)
        }
    }

    func write(_ content: String, to path: String) throws {
        try write(Data(content.utf8), to: path)
    }

    func write(_ data: Data, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func compile(today: CivilDate = PolicyFixture.today, limits: LoaderLimits = .default) throws -> Compilation {
        try CompilerDriver.compile(directory: root.path, options: .init(limits: limits, today: today))
    }

    /// The location of a marker, for comparing with a diagnostic's. A marker that no changed
    /// file holds is a mistake in the test: it is recorded as an issue.
    func location(_ marker: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> TrustPolicyCompiler.SourceLocation {
        guard let position = markers[marker] else {
            Issue.record("no changed file holds the marker \(marker)", sourceLocation: sourceLocation)
            return SourceLocation(file: "?", line: 0, column: 0)
        }
        return SourceLocation(file: position.file, line: position.line, column: position.column)
    }

    func hasMarker(_ marker: String) -> Bool { markers[marker] != nil }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// Compiles the baseline with `changes` and expects exactly the listed diagnostics (code at
/// marker), plus nothing else of severity error or warning.
func expectDiagnostics(_ changes: [String: String?], certificates: [String: String] = [:],
                       today: CivilDate = PolicyFixture.today,
                       _ expected: [(DiagnosticCode, String)], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    try PolicyCase("", changes, certificates: certificates, today: today, expect: expected,
                   sourceLocation: sourceLocation).check()
}
