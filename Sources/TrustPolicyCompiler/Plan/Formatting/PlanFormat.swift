/// How a plan is shown: text for terminals and logs, Markdown for a pull-request comment, JSON
/// for tools.
public enum PlanFormat: String, Sendable, CaseIterable {
    case text
    case markdown
    case json

    public func render(_ plan: Plan) -> String {
        switch self {
        case .text: PlanTextFormatter(markdown: false).render(plan)
        case .markdown: PlanTextFormatter(markdown: true).render(plan)
        case .json: PlanJSONFormatter().render(plan)
        }
    }
}
