/// SARIF 2.1.0, the format GitHub code scanning (`github/codeql-action/upload-sarif`) reads.
/// Every diagnostic code is a rule, so results can be filtered and dismissed by code. The log
/// around rules and results is shared with `audit`'s SARIF.
struct SARIFFormatter {
    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    static let informationURI = "https://github.com/trustc/trustc"

    let paths: DiagnosticPaths

    func render(_ diagnostics: [Diagnostic]) -> String {
        let codes = DiagnosticCode.allCases
        let rules = codes.map { code in
            Self.rule(id: code.rawValue, name: code.name, summary: code.summary, severity: code.defaultSeverity)
        }
        let results: [JSONValue] = diagnostics.map { diagnostic in
            var message = diagnostic.message
            if let fix = diagnostic.fix { message += " Fix: \(fix)" }
            return .object([
                "ruleId": .string(diagnostic.code.rawValue),
                "ruleIndex": .integer(codes.firstIndex(of: diagnostic.code) ?? 0),
                "level": .string(Self.level(diagnostic.severity)),
                "message": .object(["text": .string(message)]),
                "locations": .array([location(diagnostic.location)]),
                "relatedLocations": diagnostic.notes.isEmpty ? nil : .array(diagnostic.notes.enumerated().map { index, note in
                    var related = location(note.location)
                    if case .object(var members) = related {
                        members.insert(.init("id", .integer(index + 1)), at: 0)
                        members.append(.init("message", .object(["text": .string(note.message)])))
                        related = .object(members)
                    }
                    return related
                }),
            ])
        }
        return Self.log(rules: rules, results: results)
    }

    /// The whole log: one run of trustc with its rules and results.
    static func log(rules: [JSONValue], results: [JSONValue]) -> String {
        JSONValue.object([
            "$schema": .string(schema),
            "version": .string("2.1.0"),
            "runs": .array([.object([
                "tool": .object(["driver": .object([
                    "name": .string("trustc"),
                    "informationUri": .string(informationURI),
                    "version": .string(TrustcVersion.current),
                    "rules": .array(rules),
                ])]),
                "columnKind": .string("unicodeCodePoints"),
                "results": .array(results),
            ])]),
        ]).serialized()
    }

    /// A rule, documented in docs/diagnostics.md under its code.
    static func rule(id: String, name: String, summary: String, severity: Severity) -> JSONValue {
        .object([
            "id": .string(id),
            "name": .string(name),
            "shortDescription": .object(["text": .string(summary)]),
            "helpUri": .string("\(informationURI)/blob/main/docs/diagnostics.md#\(id.lowercased())"),
            "defaultConfiguration": .object(["level": .string(level(severity))]),
        ])
    }

    /// A location in a file, with a line and column when known.
    static func location(uri: String, line: Int?, column: Int?) -> JSONValue {
        var physical: [JSONValue.Member] = [.init("artifactLocation", .object(["uri": .string(uri)]))]
        if let line {
            physical.append(.init("region", .object(["startLine": .integer(line), "startColumn": column.map(JSONValue.integer)])))
        }
        return .object(["physicalLocation": .object(physical)])
    }

    /// A problem of the whole directory (no Organization, say) is located at the policy
    /// directory itself: code scanning drops a result whose location has no URI.
    private func location(_ location: SourceLocation?) -> JSONValue {
        guard let location else {
            let directory = paths.path("")
            return Self.location(uri: directory.isEmpty ? "./" : directory + "/", line: nil, column: nil)
        }
        return Self.location(uri: paths.path(location.file), line: location.line, column: location.column)
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }
}
