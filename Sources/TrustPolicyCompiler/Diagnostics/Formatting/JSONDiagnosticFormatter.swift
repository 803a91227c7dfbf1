/// Diagnostics as one JSON document, for tools: every field of every diagnostic plus counts.
struct JSONDiagnosticFormatter {
    let paths: DiagnosticPaths

    func render(_ diagnostics: [Diagnostic]) -> String {
        let summary = DiagnosticSummary(diagnostics)
        return JSONValue.object([
            "diagnostics": .array(diagnostics.map(json)),
            "summary": .object(["errors": .integer(summary.errors), "warnings": .integer(summary.warnings)]),
        ]).serialized()
    }

    private func json(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            "code": .string(diagnostic.code.rawValue),
            "name": .string(diagnostic.code.name),
            "severity": .string(diagnostic.severity.rawValue),
            "message": .string(diagnostic.message),
            "location": diagnostic.location.map(json),
            "fix": diagnostic.fix.map(JSONValue.string),
            "notes": .array(diagnostic.notes.map { note in
                .object(["message": .string(note.message), "location": note.location.map(json)])
            }),
        ])
    }

    private func json(_ location: SourceLocation) -> JSONValue {
        .object([
            "file": .string(paths.path(location.file)),
            "line": .integer(location.line),
            "column": .integer(location.column),
        ])
    }
}
