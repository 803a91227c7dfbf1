/// The output formats of `trustc validate`: for people, for tools, for GitHub Actions and for
/// code scanning.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text
    case json
    case github
    case sarif

    /// Renders diagnostics of files under `directory` (the policy directory as the user named
    /// it, so paths are relative to where the command ran).
    public func render(_ diagnostics: [Diagnostic], directory: String, sources: [SourceFile],
                       color: Bool = false) -> String {
        let paths = DiagnosticPaths(directory: directory)
        switch self {
        case .text: return TextDiagnosticFormatter(paths: paths, sources: sources, color: color).render(diagnostics)
        case .json: return JSONDiagnosticFormatter(paths: paths).render(diagnostics)
        case .github: return GitHubAnnotationFormatter(paths: paths).render(diagnostics)
        case .sarif: return SARIFFormatter(paths: paths).render(diagnostics)
        }
    }
}

/// Turns policy-relative paths into paths relative to where trustc ran (`policies/teams/a.yaml`).
struct DiagnosticPaths {
    let directory: String

    init(directory: String) {
        var prefix = directory
        while prefix.hasPrefix("./") { prefix.removeFirst(2) }
        while prefix.count > 1 && prefix.hasSuffix("/") { prefix.removeLast() }
        self.directory = prefix == "." ? "" : prefix
    }

    func path(_ file: String) -> String {
        directory.isEmpty ? file : file.isEmpty ? directory : "\(directory)/\(file)"
    }

    func describe(_ location: SourceLocation?) -> String {
        guard let location else { return directory.isEmpty ? "." : directory }
        return "\(path(location.file)):\(location.line):\(location.column)"
    }
}

/// Counts for the summary line and JSON output.
struct DiagnosticSummary {
    var errors = 0
    var warnings = 0
    var notes = 0

    init(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            switch diagnostic.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: notes += 1
            }
        }
    }

    var description: String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning"))"
    }
}
