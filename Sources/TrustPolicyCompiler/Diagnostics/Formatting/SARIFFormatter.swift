/// SARIF 2.1.0, the format GitHub code scanning (`github/codeql-action/upload-sarif`) reads.
/// Every diagnostic code is a rule, so results can be filtered and dismissed by code.
struct SARIFFormatter {
    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    static let informationURI = "https://github.com/trustc/trustc"

    let paths: DiagnosticPaths

    func render(_ diagnostics: [Diagnostic]) -> String {
        let codes = DiagnosticCode.allCases
        let rules: [JSONValue] = codes.map { code in
            .object([
                "id": .string(code.rawValue),
                "name": .string(code.name),
                "shortDescription": .object(["text": .string(code.summary)]),
                "helpUri": .string("\(Self.informationURI)/blob/main/docs/diagnostics.md#\(code.rawValue.lowercased())"),
                "defaultConfiguration": .object(["level": .string(level(code.defaultSeverity))]),
            ])
        }
        let results: [JSONValue] = diagnostics.map { diagnostic in
            var message = diagnostic.message
            if let fix = diagnostic.fix { message += " Fix: \(fix)" }
            return .object([
                "ruleId": .string(diagnostic.code.rawValue),
                "ruleIndex": .integer(codes.firstIndex(of: diagnostic.code) ?? 0),
                "level": .string(level(diagnostic.severity)),
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
        return JSONValue.object([
            "$schema": .string(Self.schema),
            "version": .string("2.1.0"),
            "runs": .array([.object([
                "tool": .object(["driver": .object([
                    "name": .string("trustc"),
                    "informationUri": .string(Self.informationURI),
                    "version": .string(TrustcVersion.current),
                    "rules": .array(rules),
                ])]),
                "columnKind": .string("unicodeCodePoints"),
                "results": .array(results),
            ])]),
        ]).serialized()
    }

    private func location(_ location: SourceLocation?) -> JSONValue {
        // A problem of the whole directory (no Organization, say) is located at the policy
        // directory itself: code scanning drops a result whose location has no URI.
        guard let location else {
            let directory = paths.path("")
            return .object(["physicalLocation": .object([
                "artifactLocation": .object(["uri": .string(directory.isEmpty ? "./" : directory + "/")]),
            ])])
        }
        return .object(["physicalLocation": .object([
            "artifactLocation": .object(["uri": .string(paths.path(location.file))]),
            "region": .object(["startLine": .integer(location.line), "startColumn": .integer(location.column)]),
        ])])
    }

    private func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }
}
