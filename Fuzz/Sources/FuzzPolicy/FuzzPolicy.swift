#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TrustPolicyCompiler

/// A small valid organisation (the test suite's PolicyFixture baseline, without certificate
/// files), so that a fuzzed document is checked against real references and, when the whole
/// policy is clean, rendered.
private let baseline: [SourceFile] = [
    ("organization.yaml", """
    apiVersion: trustc/v1
    kind: Organization
    metadata:
      name: contoso
    spec:
      platformTeam: platform
      tenantID: 72f988bf-86f1-41af-91ab-2d7cd011db47
      policyDefinitionScope: /providers/Microsoft.Management/managementGroups/contoso
    """),
    ("environments.yaml", """
    apiVersion: trustc/v1
    kind: Environment
    metadata:
      name: production
    spec:
      tier: production
      signingIdentities: [prod-build]
    """),
    ("registries.yaml", """
    apiVersion: trustc/v1
    kind: Registry
    metadata:
      name: contosoprod
    spec:
      environment: production
      loginServer: contosoprod.azurecr.io
      regions: [westeurope]
    """),
    ("identities/prod-build.yaml", """
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
    """),
    ("teams/platform.yaml", """
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
    """),
].map { SourceFile(path: $0.0, bytes: Array($0.1.utf8)) }

private let today = CivilDate(year: 2026, month: 11, day: 25)!

/// libFuzzer's driver (`-sanitize=fuzzer` links it). SwiftPM names an executable's entry point
/// itself, so libFuzzer's own `main` is not used: this one hands the command line to the driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@main
enum FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv, fuzzPolicy))
    }
}

/// One input: the bytes as a YAML file of the policy directory (and as a certificate file and a
/// live export).
/// Anything but a clean return (a trap, an ASan report, a timeout) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let file = SourceFile(path: "teams/fuzz.yaml", bytes: bytes)

    // The loader on its own, then the whole pipeline with the baseline around the input.
    _ = YAMLLoader().load(bytes, file: file.path)
    let files = baseline + [file]
    let result = CompilerDriver.compile(files: files, options: .init(today: today))
    for format in DiagnosticFormat.allCases {
        _ = format.render(result.diagnostics, directory: "policies", sources: files)
    }
    if !result.diagnostics.contains(where: { $0.severity == .error }) {
        let output = BundleRenderer().render(result.model)
        _ = output.files.map(\.sha256)
    }

    // The same bytes as a certificate file, and as a live export for `drift` (YAML or JSON).
    _ = CertificateInspector.inspect(bytes)
    _ = LiveExport.read(bytes, file: "live.yaml")
    return 0
}
