/// GitHub Actions workflow commands (`::error file=...,line=...::message`), which show each
/// diagnostic as an annotation on the changed line of a pull request.
struct GitHubAnnotationFormatter {
    let paths: DiagnosticPaths

    func render(_ diagnostics: [Diagnostic]) -> String {
        var output = ""
        for diagnostic in diagnostics {
            let command = switch diagnostic.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "notice"
            }
            var properties: [String] = []
            if let location = diagnostic.location {
                properties.append("file=\(escapeProperty(paths.path(location.file)))")
                properties.append("line=\(location.line)")
                properties.append("col=\(location.column)")
            }
            properties.append("title=\(escapeProperty("\(diagnostic.code.rawValue) \(diagnostic.code.name)"))")
            var message = diagnostic.message
            if let fix = diagnostic.fix { message += "\nfix: \(fix)" }
            for note in diagnostic.notes {
                message += "\nnote: \(note.message)"
                if let location = note.location { message += " (\(paths.describe(location)))" }
            }
            output += "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
        }
        return output
    }

    /// As `@actions/core` escapes command data. Works on Unicode scalars: a Character-based
    /// replacement never matches "\r" or "\n" inside a "\r\n" grapheme, which would let a CRLF
    /// in a message end the command and start another one.
    private func escapeData(_ text: String) -> String {
        escape(text, properties: false)
    }

    /// As `@actions/core` escapes command properties.
    private func escapeProperty(_ text: String) -> String {
        escape(text, properties: true)
    }

    private func escape(_ text: String, properties: Bool) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": result.append(contentsOf: "%25".unicodeScalars)
            case "\r": result.append(contentsOf: "%0D".unicodeScalars)
            case "\n": result.append(contentsOf: "%0A".unicodeScalars)
            case ":" where properties: result.append(contentsOf: "%3A".unicodeScalars)
            case "," where properties: result.append(contentsOf: "%2C".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }

    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var current = Substring(self)
        while let range = current.range(of: separator) {
            parts.append(String(current[..<range.lowerBound]))
            current = current[range.upperBound...]
        }
        parts.append(String(current))
        return parts
    }
}

extension Substring {
    func range(of target: String) -> Range<Index>? {
        guard let first = target.first else { return nil }
        var index = startIndex
        while let found = self[index...].firstIndex(of: first) {
            if self[found...].hasPrefix(target) {
                return found..<self.index(found, offsetBy: target.count)
            }
            index = self.index(after: found)
        }
        return nil
    }
}
