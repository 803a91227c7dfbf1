#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TrustPolicyCompiler

/// A small valid organisation, so that a fuzzed document is checked against real references
/// and, when the whole policy is clean, rendered: the YAML files of the test suite's baseline
/// fixture (`Tests/TrustPolicyCompilerTests/Fixtures/baseline/`, the one copy the tests use as
/// well), read once from the source tree (or from `$TRUSTC_FUZZ_BASELINE`), without its
/// certificate files. The harness refuses to start when the files are missing or no longer
/// compile cleanly, since every input would then stop at the baseline's own errors.
private let baseline: [SourceFile] = {
    let directory = ProcessInfo.processInfo.environment["TRUSTC_FUZZ_BASELINE"]
        ?? URL(fileURLWithPath: #filePath)          // Fuzz/Sources/FuzzPolicy/FuzzPolicy.swift
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Tests/TrustPolicyCompilerTests/Fixtures/baseline").path
    let paths = (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()
    let files = paths.compactMap { path in
        FileManager.default.contents(atPath: "\(directory)/\(path)").map { SourceFile(path: path, bytes: Array($0)) }
    }
    guard !files.isEmpty, files.count == paths.count else {
        fatalError("FuzzPolicy: cannot read the baseline policy files in \(directory) (set TRUSTC_FUZZ_BASELINE)")
    }
    let errors = CompilerDriver.compile(files: files, options: .init(today: today)).diagnostics
        .filter { $0.severity == .error }
    guard errors.isEmpty else {
        fatalError("FuzzPolicy: the baseline in \(directory) has errors: \(errors.map { "\($0.code.rawValue) \($0.message)" })")
    }
    return files
}()

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
        _ = baseline    // read and checked before fuzzing starts, so a broken baseline is not reported as a crash
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
