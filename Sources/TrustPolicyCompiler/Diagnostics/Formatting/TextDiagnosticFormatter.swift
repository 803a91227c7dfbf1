/// Compiler-style text: `file:line:col: error[TP201]: message`, the source line with a caret,
/// the fix and the notes. Editors and terminals recognise the first line.
struct TextDiagnosticFormatter {
    let paths: DiagnosticPaths
    let sources: [String: SourceFile]
    let color: Bool

    init(paths: DiagnosticPaths, sources: [SourceFile], color: Bool) {
        self.paths = paths
        self.sources = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        self.color = color
    }

    func render(_ diagnostics: [Diagnostic]) -> String {
        var output = ""
        for diagnostic in diagnostics {
            output += paint("\(paths.describe(diagnostic.location)): ", "1")
            output += paint("\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]", severityColor(diagnostic.severity))
            output += paint(": \(diagnostic.message)", "1") + "\n"
            if let location = diagnostic.location, let snippet = snippet(at: location) { output += snippet }
            if let fix = diagnostic.fix { output += "  = fix: \(fix)\n" }
            for note in diagnostic.notes {
                output += "  = note: \(note.message)"
                if let location = note.location { output += " (\(paths.describe(location)))" }
                output += "\n"
            }
        }
        if !diagnostics.isEmpty { output += "\n" }
        output += DiagnosticSummary(diagnostics).description + "\n"
        return output
    }

    private func snippet(at location: SourceLocation) -> String? {
        guard location.line > 0, let line = sources[location.file]?.line(location.line) else { return nil }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        // Expand tabs in the shown line only, so the caret lines up.
        var shown = ""
        var caretOffset = 0
        for (index, scalar) in line.unicodeScalars.enumerated() {
            let piece = scalar == "\t" ? "    " : String(scalar)
            if index < location.column - 1 { caretOffset += piece.count }
            shown += piece
        }
        let clipped = shown.count > 200 ? String(shown.prefix(200)) + "…" : shown
        return " \(number) | \(clipped)\n \(gutter) | \(String(repeating: " ", count: min(caretOffset, 200)))\(paint("^", "1;32"))\n"
    }

    private func severityColor(_ severity: Severity) -> String {
        switch severity {
        case .error: "1;31"
        case .warning: "1;33"
        case .note: "1;36"
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
