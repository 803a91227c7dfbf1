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
        var lines = LineIndex()
        for diagnostic in diagnostics {
            output += paint("\(Self.visible(paths.describe(diagnostic.location))): ", "1")
            output += paint("\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]", severityColor(diagnostic.severity))
            output += paint(": \(Self.visible(diagnostic.message))", "1") + "\n"
            if let location = diagnostic.location, let snippet = snippet(at: location, lines: &lines) { output += snippet }
            if let fix = diagnostic.fix { output += "  = fix: \(Self.visible(fix))\n" }
            for note in diagnostic.notes {
                output += "  = note: \(Self.visible(note.message))"
                if let location = note.location { output += " (\(Self.visible(paths.describe(location))))" }
                output += "\n"
            }
        }
        if !diagnostics.isEmpty { output += "\n" }
        output += DiagnosticSummary(diagnostics).description + "\n"
        return output
    }

    /// The longest part of a source line shown under a diagnostic, in Unicode scalars.
    static let shownScalars = 200

    private func snippet(at location: SourceLocation, lines: inout LineIndex) -> String? {
        guard location.line > 0, let source = sources[location.file],
              let bytes = lines.line(location.line, of: source) else { return nil }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        // Only the start of a long line is shown (a hostile file may be one 16 MB line), so only
        // that much is decoded; a character cut in two at the end becomes U+FFFD.
        let line = String(decoding: bytes.prefix(Self.shownScalars * 4 + 4), as: UTF8.self)
        // Expand tabs in the shown line only, so the caret lines up.
        var shown = ""
        var caretOffset = 0
        for (index, scalar) in line.unicodeScalars.enumerated() {
            if index >= Self.shownScalars {
                shown += "…"
                break
            }
            let piece = scalar == "\t" ? "    " : Self.visible(String(scalar))
            if index < location.column - 1 { caretOffset += piece.count }
            shown += piece
        }
        return " \(number) | \(shown)\n \(gutter) | \(String(repeating: " ", count: min(caretOffset, Self.shownScalars)))\(paint("^", "1;32"))\n"
    }

    /// `text` with control characters (and the bidirectional overrides of "Trojan Source")
    /// written as escapes, so a value from a hostile file cannot start a new output line (a
    /// GitHub Actions workflow command, say), move the cursor or recolour the terminal.
    static func visible(_ text: String) -> String {
        // Printable ASCII, the common case, needs no scalar-by-scalar look.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u{\(hex)}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
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

/// Where each line of a file starts, computed once per file, so showing a hundred diagnostics
/// of a large file reads it once instead of once per diagnostic.
private struct LineIndex {
    private var starts: [String: [Int]] = [:]

    /// The bytes of a 1-based line, without its line break.
    mutating func line(_ number: Int, of source: SourceFile) -> ArraySlice<UInt8>? {
        let lineStarts: [Int]
        if let known = starts[source.path] {
            lineStarts = known
        } else {
            let found = TextPositions.lineStarts(of: source.bytes)
            starts[source.path] = found
            lineStarts = found
        }
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        guard start <= source.bytes.count else { return nil }
        var end = number < lineStarts.count ? lineStarts[number] - 1 : source.bytes.count
        if end > start, source.bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return source.bytes[start..<end]
    }
}
