/// How the rollout report is shown: text for terminals and logs, Markdown for a pull-request
/// comment, JSON for tools.
public enum RolloutFormat: String, Sendable, CaseIterable {
    case text
    case markdown
    case json

    public func render(_ report: RolloutReport) -> String {
        switch self {
        case .text: RolloutTextFormatter(markdown: false).render(report)
        case .markdown: RolloutTextFormatter(markdown: true).render(report)
        case .json: RolloutJSONFormatter().render(report)
        }
    }
}
