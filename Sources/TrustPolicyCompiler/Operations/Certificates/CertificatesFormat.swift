/// How `trustc certs` prints its report: text for terminals and logs, Markdown for an issue or
/// a wiki page, JSON for tools.
public enum CertificatesFormat: String, Sendable, CaseIterable {
    case text
    case markdown
    case json

    /// `verbose` names the clusters that trust each certificate instead of counting them.
    public func render(_ report: CertificateReport, verbose: Bool = false) -> String {
        switch self {
        case .text: CertificatesTextFormatter(verbose: verbose).render(report)
        case .markdown: CertificatesMarkdownFormatter(verbose: verbose).render(report)
        case .json: CertificatesJSONFormatter(verbose: verbose).render(report)
        }
    }
}

extension CertificateReport {
    /// The first line of the text and Markdown reports.
    var summary: String {
        let listed = counted(certificates.count, "certificate")
        let scope = expiringWithin.map { " with at most \(counted($0, "day")) left" } ?? " in \(counted(trustStores, "trust store"))"
        return "\(listed)\(scope), counted from \(today); \(counted(warnings.count, "warning"))."
    }
}
