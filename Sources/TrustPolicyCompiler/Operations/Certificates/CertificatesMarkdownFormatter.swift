/// The certificate report as Markdown: one table row per certificate, then the warnings.
struct CertificatesMarkdownFormatter {
    var verbose: Bool

    func render(_ report: CertificateReport) -> String {
        var lines = [report.summary]
        if !report.certificates.isEmpty {
            lines += ["", "| Days left | Expires | Trust store | Environment | Subject | Issuer | Serial | Fingerprint | Key Vault version | Clusters |",
                      "|---:|---|---|---|---|---|---|---|---|---|"]
            for entry in report.certificates {
                let certificate = entry.certificate
                let clusters = verbose ? entry.clusters.joined(separator: ", ") : String(entry.clusters.count)
                let cells = [String(entry.daysLeft), certificate.validUntil.description, "`\(entry.store)`", entry.environment,
                             escaped(certificate.subject), certificate.issuer == certificate.subject ? "self-signed" : escaped(certificate.issuer),
                             "`\(certificate.serialNumber)`", "`\(certificate.sha256Fingerprint)`",
                             entry.keyVaultVersion.map { "`\($0)`" } ?? "", clusters]
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
        }
        if !report.warnings.isEmpty {
            lines += ["", "**Warnings**", ""]
            lines += report.warnings.map { "- **\($0.kind.rawValue)** `\($0.store)`: \(escaped($0.message))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
