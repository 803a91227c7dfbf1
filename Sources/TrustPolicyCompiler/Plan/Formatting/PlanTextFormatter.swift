/// `terraform plan`-style text, or the same as Markdown.
struct PlanTextFormatter {
    let markdown: Bool

    func render(_ plan: Plan) -> String {
        var lines: [String] = []
        if markdown { lines.append("### trustc plan") }
        guard plan.hasChanges || !plan.risks.isEmpty else {
            lines.append("No changes: every cluster enforces exactly what it enforces today.")
            if !plan.changedFiles.isEmpty {
                lines.append("")
                lines.append("\(plan.changedFiles.count) file\(plan.changedFiles.count == 1 ? "" : "s") changed without effect on any cluster.")
            }
            return lines.joined(separator: "\n") + "\n"
        }
        let environments = plan.environments.count
        if plan.hasChanges {
            let clusters = plan.changedClusters
            lines.append("\(clusters) cluster\(clusters == 1 ? "" : "s") in \(environments) environment\(environments == 1 ? "" : "s") change\(clusters == 1 ? "s" : "").")
        } else {
            lines.append("No changes to any cluster.")
        }
        for environment in plan.environments {
            lines.append("")
            lines.append(markdown ? "#### `\(environment.environment)`" : "\(environment.environment):")
            for group in environment.groups {
                let heading = describe(group)
                lines.append(markdown ? "- **\(heading)**" : "  \(heading):")
                for change in group.changes {
                    let codes = change.risks.map(\.rawValue).joined(separator: ", ")
                    lines.append(markdown ? "  - `\(change.symbol)` \(change.summary)\(codes.isEmpty ? "" : " ⚠️ \(codes)")"
                                 : "    \(change.symbol) \(change.summary)\(codes.isEmpty ? "" : "  [\(codes)]")")
                }
            }
        }
        if !plan.risks.isEmpty {
            lines.append("")
            lines.append(markdown ? "#### Risks" : "Risks:")
            for finding in plan.risks {
                let clusters = finding.clusters.isEmpty ? "" : " (\(clusterCount(finding.clusters)): \(names(finding.clusters)))"
                lines.append(markdown ? "- ⚠️ **\(finding.risk.rawValue)** \(finding.risk.name): \(finding.message)\(clusters)"
                             : "  \(finding.risk.rawValue) \(finding.risk.name): \(finding.message)\(clusters)")
            }
        }
        if !plan.changedFiles.isEmpty {
            lines.append("")
            lines.append(markdown ? "<details><summary>\(plan.changedFiles.count) changed file\(plan.changedFiles.count == 1 ? "" : "s")</summary>\n" : "Changed files:")
            for file in plan.changedFiles {
                let outside = plan.ownership.contains { $0.file == file } ? " (outside the author's team)" : ""
                lines.append(markdown ? "- `\(file)`\(outside)" : "  \(file)\(outside)")
            }
            if markdown { lines.append("\n</details>") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "48 clusters in 6 regions (aks-a, aks-b, ... and 43 more)" or "aks-a (westeurope)".
    private func describe(_ group: ChangeGroup) -> String {
        guard group.clusters.count > 1 else {
            let cluster = group.clusters[0]
            return "\(cluster.name) (\(cluster.region))"
        }
        return clusterCount(group.clusters) + ": " + names(group.clusters)
    }

    private func clusterCount(_ clusters: [ClusterReference]) -> String {
        let regions = Set(clusters.map(\.region)).count
        return "\(clusters.count) cluster\(clusters.count == 1 ? "" : "s") in \(regions) region\(regions == 1 ? "" : "s")"
    }

    private func names(_ clusters: [ClusterReference], limit: Int = 5) -> String {
        let shown = clusters.prefix(limit).map(\.name).joined(separator: ", ")
        return clusters.count > limit ? "\(shown) and \(clusters.count - limit) more" : shown
    }
}
