/// `audit --format json`, the contract:
/// `{"findings":[{"kind", "code", "severity", "reference", "repository", "team", "identity"}], "summary":{...}}`
/// with `team` and `identity` `null` when there is none.
enum AuditJSONFormatter {
    static func render(_ report: AuditReport) -> String {
        JSONValue.object([
            "findings": .array(report.findings.map { finding in
                .object([
                    "kind": .string(finding.kind.name),
                    "code": .string(finding.code),
                    "severity": .string(finding.severity.rawValue),
                    "reference": .string(finding.reference),
                    "repository": .string(finding.repository),
                    "team": finding.team.map(JSONValue.string) ?? .null,
                    "identity": finding.identity.map(JSONValue.string) ?? .null,
                ])
            }),
            "summary": summary(report),
        ]).serialized()
    }

    /// Counts: images and signatures read, malformed lines, findings by severity and by kind
    /// (every kind, zeros included), and signatures by identity of the source.
    static func summary(_ report: AuditReport) -> JSONValue {
        .object([
            "images": .integer(report.images),
            "signatures": .integer(report.signatures),
            "malformedLines": .integer(report.malformedCount),
            "errors": .integer(report.errors),
            "warnings": .integer(report.warnings),
            "findings": .object(AuditFindingKind.allCases.map { .init($0.name, .integer(report.count(of: $0))) }),
            "signers": .object(report.signers.keys.sorted().map { .init($0, .integer(report.signers[$0]!)) }),
        ])
    }
}
