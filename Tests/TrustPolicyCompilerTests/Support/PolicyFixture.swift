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

    /// The smallest valid organisation, one of each kind: the policy directory
    /// `Fixtures/baseline/` (path → text without its final newline). It is the one copy: the
    /// fuzzer (Fuzz/) reads the same files, and every variant a test needs is an edit of it
    /// (`edit`, `edits`, `derived`).
    static let baseline: [String: String] = {
        let directory = fixtures.appendingPathComponent("baseline")
        let paths = ((try? Golden.listFiles(under: directory)) ?? []).filter { $0.hasSuffix(".yaml") }
        guard !paths.isEmpty else {
            preconditionFailure("no baseline policy files under \(directory.path): the test target's Fixtures/baseline is missing")
        }
        var files: [String: String] = [:]
        for path in paths {
            guard var text = try? String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8) else {
                preconditionFailure("cannot read the baseline file \(directory.appendingPathComponent(path).path)")
            }
            if text.hasSuffix("\n") { text.removeLast() }
            files[path] = text
        }
        return files
    }()

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
