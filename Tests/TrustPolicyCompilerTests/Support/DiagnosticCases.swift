import Foundation
import Testing
@testable import TrustPolicyCompiler

/// A test case that expects diagnostics of certain codes. Every case list of the suite is
/// gathered by `DiagnosticCatalogTests`, which fails when a code of `DiagnosticCode.allCases`
/// is produced by no case. Each case checks that exactly its expected diagnostics (errors and
/// warnings) are produced, so the codes a case expects are the codes the compiler emitted.
protocol DiagnosticCase: Sendable, CustomTestStringConvertible {
    var name: String { get }
    var expectedCodes: [DiagnosticCode] { get }
}

extension DiagnosticCase {
    var testDescription: String { name }
    var codes: Set<DiagnosticCode> { Set(expectedCodes) }
}

/// Stands for "no location" where a case expects a diagnostic without one.
let nowhere = "∅"

/// Expects exactly the `expected` diagnostics (code at location) among the errors and warnings
/// of `diagnostics`, and that every string of `mentions` appears in the message or fix of one
/// of them.
func expectExactly(_ diagnostics: [Diagnostic], _ expected: [(code: DiagnosticCode, location: TrustPolicyCompiler.SourceLocation?)],
                   mentions: [String] = [], sourceLocation: Testing.SourceLocation) {
    // Notes that explain another diagnostic are not checked; notes that are findings of their
    // own (a skipped document, say) are.
    let actual = diagnostics.filter { $0.severity != .note || $0.code.defaultSeverity == .note }
    let describe: (Diagnostic) -> String = {
        "\($0.code.rawValue) \($0.location.map(\.description) ?? "-") \($0.message)"
    }
    let got = actual.map(describe).joined(separator: "\n")
    for item in expected {
        #expect(actual.contains { $0.code == item.code && $0.location == item.location },
                "expected \(item.code.rawValue) at \(item.location?.description ?? "no location"); got:\n\(got)",
                sourceLocation: sourceLocation)
    }
    let unexpected = actual.filter { diagnostic in
        !expected.contains { $0.code == diagnostic.code && $0.location == diagnostic.location }
    }
    #expect(unexpected.isEmpty, "unexpected diagnostics:\n\(unexpected.map(describe).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
    for text in mentions {
        #expect(actual.contains { $0.message.contains(text) || ($0.fix ?? "").contains(text) },
                "no diagnostic mentions \"\(text)\"; got:\n\(got)", sourceLocation: sourceLocation)
    }
}

// MARK: - Whole policy directories

/// The baseline organisation with some files changed, compiled end to end.
struct PolicyCase: DiagnosticCase {
    let name: String
    let changes: [String: String?]
    let certificates: [String: String]
    let today: CivilDate
    let limits: LoaderLimits
    /// Runs after the files are written (to add links, directories, odd files).
    let prepare: (@Sendable (PolicyFixture) throws -> Void)?
    let expected: [(DiagnosticCode, String)]
    let mentions: [String]
    let sourceLocation: Testing.SourceLocation

    init(_ name: String, _ changes: [String: String?], certificates: [String: String] = [:],
         today: CivilDate = PolicyFixture.today, limits: LoaderLimits = .default,
         prepare: (@Sendable (PolicyFixture) throws -> Void)? = nil,
         expect expected: [(DiagnosticCode, String)], mentions: [String] = [],
         sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        self.name = name
        self.changes = changes
        self.certificates = certificates
        self.today = today
        self.limits = limits
        self.prepare = prepare
        self.expected = expected
        self.mentions = mentions
        self.sourceLocation = sourceLocation
    }

    var expectedCodes: [DiagnosticCode] { expected.map(\.0) }

    /// What a checked case produced, for further checks of messages and notes.
    struct Outcome {
        var diagnostics: [Diagnostic]
        var markers: [String: TrustPolicyCompiler.SourceLocation]

        /// The one diagnostic of `code` (an issue if there is none).
        func diagnostic(_ code: DiagnosticCode, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
            try #require(diagnostics.first { $0.code == code }, sourceLocation: sourceLocation)
        }

        func location(_ marker: String) -> TrustPolicyCompiler.SourceLocation? { markers[marker] }
    }

    /// Compiles the case and checks its diagnostics; returns them for further checks.
    @discardableResult
    func check() throws -> Outcome {
        let fixture = try PolicyFixture(changes, certificates: certificates)
        defer { fixture.remove() }
        try prepare?(fixture)
        let compilation = try fixture.compile(today: today, limits: limits)
        let wanted = expected.map { code, marker in
            (code: code, location: marker == nowhere ? nil : fixture.location(marker, sourceLocation: sourceLocation))
        }
        expectExactly(compilation.diagnostics, wanted, mentions: mentions, sourceLocation: sourceLocation)
        var markers: [String: TrustPolicyCompiler.SourceLocation] = [:]
        for marker in MarkedText.markers { if fixture.hasMarker(marker) { markers[marker] = fixture.location(marker) } }
        return Outcome(diagnostics: compilation.diagnostics, markers: markers)
    }
}

extension PolicyFixture {
    /// A change to one baseline file: each key of `replacements` must occur exactly once in it
    /// and is replaced by its value (which may hold markers).
    static func edit(_ path: String, _ replacements: KeyValuePairs<String, String>) -> [String: String?] {
        [path: derived(from: path, replacements)]
    }

    /// The text of baseline file `path` with each key of `replacements` (which must occur exactly
    /// once, in the text as the previous replacements left it) replaced by its value: a variant of
    /// a baseline resource, for `edit` or for a new resource written under another path (another
    /// identity, a thousand clusters).
    static func derived(from path: String, _ replacements: KeyValuePairs<String, String>) -> String {
        guard var text = baseline[path] else { preconditionFailure("\(path) is not a baseline file") }
        for (old, new) in replacements {
            let parts = text.components(separatedBy: old)
            precondition(parts.count == 2, "`\(old)` occurs \(parts.count - 1) times in \(path), not once")
            text = parts.joined(separator: new)
        }
        return text
    }

    /// Several changes in one.
    static func edits(_ changes: [String: String?]...) -> [String: String?] {
        changes.reduce(into: [:]) { result, change in result.merge(change) { _, new in new } }
    }
}

// MARK: - One file

/// One YAML file, loaded (and, with `decode`, decoded) on its own.
struct FileCase: DiagnosticCase {
    let name: String
    let text: MarkedText
    let limits: LoaderLimits
    let decode: Bool
    /// Changes the file's bytes after the markers are removed (for byte-order marks and
    /// invalid UTF-8, which a Swift string literal cannot hold).
    let bytes: (@Sendable ([UInt8]) -> [UInt8])?
    let expected: [(DiagnosticCode, String)]
    let mentions: [String]
    let sourceLocation: Testing.SourceLocation

    static let file = "test.yaml"

    init(_ name: String, _ text: String, limits: LoaderLimits = .default, decode: Bool,
         bytes: (@Sendable ([UInt8]) -> [UInt8])? = nil,
         expect expected: [(DiagnosticCode, String)], mentions: [String] = [],
         sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        self.name = name
        self.text = MarkedText(text)
        self.limits = limits
        self.decode = decode
        self.bytes = bytes
        self.expected = expected
        self.mentions = mentions
        self.sourceLocation = sourceLocation
    }

    var expectedCodes: [DiagnosticCode] { expected.map(\.0) }

    func location(_ marker: String) -> TrustPolicyCompiler.SourceLocation? {
        if marker == nowhere { return nil }
        guard let position = text.positions[marker] else {
            Issue.record("the text has no marker \(marker)", sourceLocation: sourceLocation)
            return nil
        }
        return SourceLocation(file: Self.file, line: position.line, column: position.column)
    }

    /// The documents and every diagnostic of loading (and decoding) the file.
    func run() -> (documents: [SyntaxDocument], decoded: [ResourceDecoder.Decoded], diagnostics: [Diagnostic]) {
        var raw = Array(text.text.utf8)
        if let bytes { raw = bytes(raw) }
        let loaded = YAMLLoader(limits: limits).load(raw, file: Self.file)
        var diagnostics = loaded.diagnostics
        var decoded: [ResourceDecoder.Decoded] = []
        if decode {
            for document in loaded.documents {
                let result = ResourceDecoder().decode(document)
                diagnostics.merge(result.diagnostics)
                if let value = result.decoded { decoded.append(value) }
            }
        }
        return (loaded.documents, decoded, diagnostics.sorted)
    }

    @discardableResult
    func check() -> [Diagnostic] {
        let diagnostics = run().diagnostics
        expectExactly(diagnostics, expected.map { (code: $0.0, location: location($0.1)) }, mentions: mentions,
                      sourceLocation: sourceLocation)
        return diagnostics
    }
}

/// Replaces each U+FFFD in UTF-8 bytes by the single invalid byte 0xFF.
@Sendable func invalidByteForReplacementCharacter(_ bytes: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    var index = 0
    while index < bytes.count {
        if bytes[index...].starts(with: [0xEF, 0xBF, 0xBD]) {
            result.append(0xFF)
            index += 3
        } else {
            result.append(bytes[index])
            index += 1
        }
    }
    return result
}

// MARK: - Directory reading

/// A policy directory read with `PolicyDirectory.readYAMLFiles`: locations are whole files.
struct DirectoryCase: DiagnosticCase {
    let name: String
    let files: [String: String]
    /// Symbolic links to create: path in the directory → target (absolute, or relative to the link).
    let links: [String: String]
    /// Files to create beside the policy directory (targets of links that lead outside).
    let outside: [String: String]
    let limits: LoaderLimits
    /// (code, file the diagnostic is on, or `nowhere`).
    let expected: [(DiagnosticCode, String)]
    let sourceLocation: Testing.SourceLocation

    init(_ name: String, files: [String: String], links: [String: String] = [:], outside: [String: String] = [:],
         limits: LoaderLimits = .default, expect expected: [(DiagnosticCode, String)],
         sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        self.name = name
        self.files = files
        self.links = links
        self.outside = outside
        self.limits = limits
        self.expected = expected
        self.sourceLocation = sourceLocation
    }

    var expectedCodes: [DiagnosticCode] { expected.map(\.0) }

    /// Creates `<temp>/outside/...` and `<temp>/policies/...`; returns the temp root.
    func materialise() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-dir-\(UUID().uuidString)")
        let policies = root.appendingPathComponent("policies")
        try FileManager.default.createDirectory(at: policies, withIntermediateDirectories: true)
        for (path, content) in outside {
            try write(content, to: root.appendingPathComponent("outside").appendingPathComponent(path))
        }
        for (path, content) in files {
            try write(content, to: policies.appendingPathComponent(path))
        }
        for (path, target) in links {
            let url = policies.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let destination = target.hasPrefix("/") ? target
                : target.replacingOccurrences(of: "$OUTSIDE", with: root.appendingPathComponent("outside").path)
            try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
        }
        return root
    }

    private func write(_ content: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: url)
    }

    /// Reads the directory, checks the diagnostics and returns the files read.
    @discardableResult
    func check() throws -> [SourceFile] {
        let root = try materialise()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = try PolicyDirectory(path: root.appendingPathComponent("policies").path)
        let (read, diagnostics) = directory.readYAMLFiles(limits: limits)
        expectExactly(diagnostics.sorted, expected.map { code, file in
            (code: code, location: file == nowhere ? nil : .file(file))
        }, sourceLocation: sourceLocation)
        return read
    }
}
