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
    /// removes `temporaryRoot` when done. Two children: `git rev-parse` (the repository, the
    /// directory's path in it and the revision), then `git archive | tar -x`.
    public static func materialize(directory: String, revision: String) throws -> (directory: String, temporaryRoot: String) {
        let located = try ExternalCommand.run(["git", "-C", directory, "rev-parse", "--show-toplevel", "--show-prefix",
                                            "--verify", "--quiet", "\(revision)^{commit}"])
        // With an unknown revision, rev-parse still prints the top level and the prefix.
        let lines = located.outputText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 2, !lines[0].isEmpty else { throw Failure.notARepository(directory) }
        guard located.status == 0, lines.count >= 3, !lines[2].isEmpty else { throw Failure.git("unknown revision `\(revision)`") }
        let (top, prefix, commit) = (lines[0], lines[1], lines[2])
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-base-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let extracted = prefix.isEmpty ? root : root + "/" + prefix
        do {
            var archive = ["git", "-C", top, "archive", "--format=tar", commit]
            if !prefix.isEmpty { archive += ["--", prefix] }
            let stages = try ExternalCommand.pipeline([archive, ["tar", "-x", "-f", "-", "-C", root]])
            let (git, tar) = (stages[0], stages[1])
            // A policy directory that did not exist at the base revision compiles as empty.
            guard git.status == 0 || git.errorText.contains("did not match any files") else {
                throw Failure.git("git archive \(commit): \(git.errorText)")
            }
            guard tar.status == 0 || git.status != 0 else { throw Failure.git("tar: \(tar.errorText)") }
            try FileManager.default.createDirectory(atPath: extracted, withIntermediateDirectories: true)
        } catch {
            try? FileManager.default.removeItem(atPath: root)
            throw error
        }
        return (extracted, root)
    }
}
