/// `audit --format text`: the findings grouped by signer identity, then team and repository,
/// each located at its inventory line, then who signed how much and the counts.
struct AuditTextFormatter {
    let inventory: String

    func render(_ report: AuditReport) -> String {
        var output = ""
        var group: AuditGroup?
        var team: String??
        var repository: String?
        for finding in report.findings {
            let findingGroup = AuditGroup(finding)
            if findingGroup != group {
                if group != nil { output += "\n" }
                output += heading(findingGroup) + "\n"
                (group, team, repository) = (findingGroup, .none, nil)
            }
            if team != .some(finding.team) {
                output += "  " + (finding.team.map { "team `\($0)`:" } ?? "no owning team:") + "\n"
                (team, repository) = (.some(finding.team), nil)
            }
            if repository != finding.repository {
                output += "    \(finding.repository):\n"
                repository = finding.repository
            }
            output += "      \(inventory):\(finding.line): \(finding.severity.rawValue)[\(finding.code)] \(finding.kind.name) \(finding.reference)\n"
            output += "        \(finding.message)\n"
        }
        if !report.findings.isEmpty { output += "\n" }
        if !report.signers.isEmpty {
            output += "Signatures by identity: "
                + report.signers.keys.sorted().map { "\($0) \(report.signers[$0]!)" }.joined(separator: ", ") + ".\n"
        }
        output += summary(report) + "\n"
        return output
    }

    private func heading(_ group: AuditGroup) -> String {
        switch group {
        case .identity(let name): "Signed by `\(name)`:"
        case .unknownSigners: "Signed by a signer the source does not know:"
        case .unsigned: "Without a signature from a trusted identity:"
        case .notAudited: "Not audited (foreign registry or no owning team):"
        }
    }

    private func summary(_ report: AuditReport) -> String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        var parts = [plural(report.images, "image"), plural(report.signatures, "signature")]
        if report.malformedCount > 0 { parts.append(plural(report.malformedCount, "malformed line")) }
        let kinds = AuditFindingKind.allCases.filter { report.count(of: $0) > 0 }.map { "\($0.name) \(report.count(of: $0))" }
        return parts.joined(separator: ", ") + ": " + plural(report.errors, "error") + ", " + plural(report.warnings, "warning")
            + (kinds.isEmpty ? "" : " (\(kinds.joined(separator: ", ")))") + "."
    }
}
