import Foundation
import Testing
@testable import TrustPolicyCompiler

/// Golden files, in the source tree so they are reviewed like code. Set `RECORD_GOLDEN=1` to
/// rewrite them: the test then fails ("recorded"), so a recording never passes silently.
enum Golden {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let directory = packageRoot.appendingPathComponent("Tests/TrustPolicyCompilerTests/Fixtures/golden")
    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil }

    /// Compares a whole rendered tree with `golden/<name>/`, file by file.
    static func assertTree(_ files: [RenderedFile], named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let root = directory.appendingPathComponent(name)
        if isRecording {
            try? FileManager.default.removeItem(at: root)
            for file in files {
                let url = root.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents).write(to: url)
            }
            Issue.record("Recorded golden tree `\(name)` (\(files.count) files); unset RECORD_GOLDEN and run again", sourceLocation: sourceLocation)
            return
        }
        let expected = try listFiles(under: root)
        let actual = Set(files.map(\.path))
        let missing = expected.subtracting(actual).sorted()
        let extra = actual.subtracting(expected).sorted()
        #expect(missing.isEmpty, "files in golden/\(name) that were not rendered: \(missing)", sourceLocation: sourceLocation)
        #expect(extra.isEmpty, "rendered files missing from golden/\(name) (record with RECORD_GOLDEN=1): \(extra)",
                sourceLocation: sourceLocation)
        for file in files where expected.contains(file.path) {
            let golden = try Data(contentsOf: root.appendingPathComponent(file.path))
            if Array(golden) != file.contents {
                let diff = firstDifference(Array(golden), file.contents)
                Issue.record("\(file.path) differs from golden/\(name): \(diff)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Compares a text with the golden file `golden/<path>`.
    static func assertText(_ text: String, file path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(path)
        if isRecording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            Issue.record("Recorded golden file `\(path)`; unset RECORD_GOLDEN and run again", sourceLocation: sourceLocation)
            return
        }
        let golden = try Data(contentsOf: url)
        if Array(golden) != Array(text.utf8) {
            Issue.record("differs from golden/\(path) (record with RECORD_GOLDEN=1): \(firstDifference(Array(golden), Array(text.utf8)))",
                         sourceLocation: sourceLocation)
        }
    }

    static func listFiles(under root: URL) throws -> Set<String> {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        var paths = Set<String>()
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            paths.insert(String(url.standardizedFileURL.path.dropFirst(prefix.count)))
        }
        return paths
    }

    /// The first differing line, for a readable failure.
    static func firstDifference(_ expected: [UInt8], _ actual: [UInt8]) -> String {
        let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let e = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let a = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
            if e != a { return "line \(index + 1): expected `\(e)`, got `\(a)`" }
        }
        return "identical lines, different bytes"
    }
}

/// The sample policy directory, compiled once per test that needs it.
enum Sample {
    static let directory = Golden.packageRoot.appendingPathComponent("policies").path

    static func compile() throws -> Compilation {
        let compilation = try CompilerDriver.compile(directory: directory, options: .init(today: PolicyFixture.today))
        #expect(!compilation.hasErrors, "the sample has errors: \(compilation.diagnostics.filter { $0.severity == .error })")
        return compilation
    }

    /// The sample rendered the way `trustc render` writes it, manifest included.
    static func render(_ options: BundleRenderer.Options = .init()) throws -> [RenderedFile] {
        let output = BundleRenderer().render(try compile().model, options: options)
        let manifest = OutputManifest.file(listing: output.files.map { ($0.path, $0.sha256) }, organization: output.organization)
        return (output.files + [manifest]).sorted { $0.path < $1.path }
    }
}
