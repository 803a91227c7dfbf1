/// `audit --format sarif`: SARIF 2.1.0 for code scanning, one rule per finding kind, each
/// result located at its inventory line, with the finding's fields as properties.
struct AuditSARIFFormatter {
    let inventory: String

    func render(_ report: AuditReport) -> String {
        let kinds = AuditFindingKind.allCases
        let rules = kinds.map { kind in
            SARIFFormatter.rule(id: kind.code, name: kind.name, summary: kind.summary, severity: kind.defaultSeverity)
        }
        let results: [JSONValue] = report.findings.map { finding in
            .object([
                "ruleId": .string(finding.code),
                "ruleIndex": .integer(kinds.firstIndex(of: finding.kind) ?? 0),
                "level": .string(SARIFFormatter.level(finding.severity)),
                "message": .object(["text": .string("\(finding.reference): \(finding.message)")]),
                "locations": .array([SARIFFormatter.location(uri: inventory, line: finding.line, column: nil)]),
                "properties": .object([
                    "reference": .string(finding.reference),
                    "repository": .string(finding.repository),
                    "team": finding.team.map(JSONValue.string) ?? .null,
                    "identity": finding.identity.map(JSONValue.string) ?? .null,
                ]),
            ])
        }
        return SARIFFormatter.log(rules: rules, results: results)
    }
}
