import Foundation

/// Reads the policy directory as it was at a Git revision, with git itself, into a temporary
/// directory, so `plan --base REV` compiles both sides with the same loader.
public struct GitRevision {
    public enum Failure: Error, CustomStringConvertible {
        case notARepository(String)
        case git(String)

        public var description: String {
            switch self {
            case .notARepository(let path): "`\(path)` is not inside a Git repository; use --base-dir for two checkouts"
            case .git(let message): message
            }
        }
    }

    /// The policy directory at `revision`, extracted under a new temporary directory. The caller
    /// removes `temporaryRoot` when done.
    public static func materialize(directory: String, revision: String) throws -> (directory: String, temporaryRoot: String) {
        guard let top = try? run(["rev-parse", "--show-toplevel"], in: directory).trimmingCharacters(in: .whitespacesAndNewlines),
              !top.isEmpty else { throw Failure.notARepository(directory) }
        let prefix = try run(["rev-parse", "--show-prefix"], in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-base-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        do {
            _ = try run(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"], in: top)
        } catch {
            try? FileManager.default.removeItem(atPath: root)
            throw Failure.git("unknown revision `\(revision)`")
        }
        let archive = root + ".tar"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        do {
            var arguments = ["archive", "--format=tar", "-o", archive, revision]
            if !prefix.isEmpty { arguments += ["--", prefix] }
            _ = try run(arguments, in: top)
            try extract(archive, into: root)
        } catch {
            try? FileManager.default.removeItem(atPath: root)
            // A policy directory that did not exist at the base revision compiles as empty.
            if "\(error)".contains("did not match any files") {
                try FileManager.default.createDirectory(atPath: root + "/" + prefix, withIntermediateDirectories: true)
                return (root + "/" + prefix, root)
            }
            throw error
        }
        let extracted = prefix.isEmpty ? root : root + "/" + prefix
        try FileManager.default.createDirectory(atPath: extracted, withIntermediateDirectories: true)
        return (extracted, root)
    }

    private static func extract(_ archive: String, into directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar", "-x", "-f", archive, "-C", directory]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Failure.git("tar: \(message)")
        }
    }

    @discardableResult
    static func run(_ arguments: [String], in directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure.git("git \(arguments.joined(separator: " ")): \(String(decoding: errorData, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
