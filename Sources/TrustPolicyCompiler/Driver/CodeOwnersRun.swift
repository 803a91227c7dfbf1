import Foundation

/// `codeowners`: renders the CODEOWNERS file and prints, writes or checks it.
extension CompilerDriver {
    public struct CodeOwnersRequest: Sendable {
        public var directory: String
        /// The policy directory's path from the repository root (default: `directory`).
        public var prefix: String?
        /// The file to write or check; `nil` prints.
        public var output: String?
        public var check: Bool
        public var options: Options

        public init(directory: String, prefix: String?, output: String?, check: Bool, options: Options) {
            self.directory = directory
            self.prefix = prefix
            self.output = output
            self.check = check
            self.options = options
        }
    }

    public enum CodeOwnersOutcome: Sendable {
        case sourceHasErrors(Compilation)
        /// No `output`: the file's text, to print.
        case text(String)
        case written(String)
        /// `check`: whether `output` holds exactly the text.
        case checked(upToDate: Bool)
        case outputFailed(String)
    }

    public static func codeowners(_ request: CodeOwnersRequest) throws(PolicyDirectory.OpenError) -> CodeOwnersOutcome {
        let compilation = try compile(directory: request.directory, options: request.options)
        guard !compilation.hasErrors else { return .sourceHasErrors(compilation) }
        let text = Ownership(decoded: compilation.decoded).codeowners(prefix: request.prefix ?? request.directory)
        guard let output = request.output else { return .text(text) }
        if request.check {
            return .checked(upToDate: (try? FileSystem.readFile(output, limit: 1 << 20)) == Array(text.utf8))
        }
        // `--output .github/CODEOWNERS` in a repository without .github yet.
        let parent = OutputDirectory.parent(of: output)
        if parent != "." { try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
        do {
            try OutputDirectory.writeFileAtomically(output, Array(text.utf8))
            return .written(output)
        } catch {
            return .outputFailed("cannot write \(output): \(error)")
        }
    }
}
