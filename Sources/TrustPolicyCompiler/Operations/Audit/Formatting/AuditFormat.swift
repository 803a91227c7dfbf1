/// The output formats of `trustc audit`: for people, for tools (the JSON contract) and for code
/// scanning.
public enum AuditFormat: String, Sendable, CaseIterable {
    case text
    case json
    case sarif

    /// Renders a finished report; `inventory` is the inventory's name as the user gave it, for
    /// locations.
    public func render(_ report: AuditReport, inventory: String) -> String {
        switch self {
        case .text: AuditTextFormatter(inventory: inventory).render(report)
        case .json: AuditJSONFormatter.render(report)
        case .sarif: AuditSARIFFormatter(inventory: inventory).render(report)
        }
    }
}
