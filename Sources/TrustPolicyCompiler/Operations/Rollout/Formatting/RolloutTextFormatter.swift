/// The report grouped by cluster, as text or as Markdown (a table per cluster, for a
/// pull-request comment).
struct RolloutTextFormatter {
    let markdown: Bool

    func render(_ report: RolloutReport) -> String {
        var lines: [String] = []
        if markdown { lines.append("### trustc rollout") }
        lines.append(summary(report))
        var cluster: String?
        for entry in report.entries {
            if entry.cluster != cluster {
                cluster = entry.cluster
                lines.append("")
                if markdown {
                    lines += ["#### `\(entry.cluster)` (\(entry.environment), \(entry.region))", "",
                              "| Namespace | Verdict | Days remaining | Details |", "|---|---|---|---|"]
                } else {
                    lines.append("\(entry.cluster) (\(entry.environment), \(entry.region)):")
                }
            }
            lines += markdown ? [row(entry)] : block(entry)
        }
        let ready = report.count(.ready)
        if ready > 0 {
            lines.append("")
            lines.append("\(ready) namespace\(ready == 1 ? " is" : "s are") ready for deny: \(markdown ? "`--print-edit`" : "--print-edit") prints the change to the cluster files, \(markdown ? "`--write`" : "--write") makes it.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func summary(_ report: RolloutReport) -> String {
        let warn = report.entries.filter { $0.warnPeriod != nil }.count
        let verdicts: [RolloutVerdict] = [.ready, .waiting, .blocked, .noData]
        let counts = verdicts.map { "\(report.count($0)) \(label($0))" }.joined(separator: ", ")
        var text = "\(warn) warn-stage namespace\(warn == 1 ? "" : "s") on \(report.clusters) cluster\(report.clusters == 1 ? "" : "s") on \(report.today): \(counts)."
        let denied = report.count(.denied), notEnforced = report.count(.notEnforced)
        if denied + notEnforced > 0 {
            text += " Violations outside warn: \(denied) namespace\(denied == 1 ? "" : "s") in deny, \(notEnforced) not enforced."
        }
        return text
    }

    private func label(_ verdict: RolloutVerdict) -> String {
        verdict == .noData ? "no data" : verdict == .notEnforced ? "not enforced" : verdict.rawValue
    }

    /// What the namespace's stage and warn period are, in words.
    private func status(_ entry: RolloutEntry) -> String {
        if let period = entry.warnPeriod {
            let since = "in warn since \(period.since)"
            return period.daysRemaining > 0
                ? "\(since), \(period.days) of \(period.minimumDays) days: \(period.daysRemaining) to go"
                : "\(since), \(period.days) days (minimum \(period.minimumDays))"
        }
        if entry.isExcluded { return "excluded organisation-wide: never evaluated" }
        switch entry.stage {
        case .deny?: return "in deny: new pods with these images are rejected"
        case .off?: return "off: nothing is enforced"
        case .warn?, nil: return "not listed on the cluster: nothing is enforced"
        }
    }

    /// The violations, one per line.
    private func findings(_ entry: RolloutEntry) -> [String] {
        var items = entry.images.map { image in
            let owner = image.team.map { "team \($0)" } ?? "no owning team"
            return markdown ? "`\(image.image)` (\(owner))" : "\(image.image) (\(owner))"
        }
        if entry.unidentifiedViolations > 0 {
            let count = entry.unidentifiedViolations
            items.append("\(count) violation\(count == 1 ? "" : "s") whose image could not be read (see the warnings)")
        }
        items += entry.nonCompliantObjects.map { "non-compliant in Azure Policy: \(markdown ? "`\($0)`" : $0)" }
        if entry.verdict == .noData { items.append("no data: " + entry.gaps.joined(separator: "; ")) }
        return items
    }

    private func block(_ entry: RolloutEntry) -> [String] {
        let head = "  " + label(entry.verdict).padding(12) + " " + entry.namespace + ": " + status(entry)
        return [head] + findings(entry).map { "      " + $0 }
    }

    private func row(_ entry: RolloutEntry) -> String {
        let icon: String
        switch entry.verdict {
        case .ready: icon = "✅"
        case .waiting: icon = "⏳"
        case .blocked: icon = "⛔"
        case .noData: icon = "❔"
        case .denied: icon = "🚫"
        case .notEnforced: icon = "⚠️"
        }
        let details = ([status(entry)] + findings(entry)).map { $0.replacingOccurrences(of: "|", with: "\\|") }
        return "| `\(entry.namespace)` | \(icon) \(label(entry.verdict)) | \(entry.daysRemaining.map(String.init) ?? "–") | \(details.joined(separator: "<br>")) |"
    }
}

extension String {
    /// Left-aligned in `width` columns (never cut).
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
