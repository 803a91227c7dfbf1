/// The certificate report for terminals and logs: one block per certificate, most urgent first,
/// then the warnings.
struct CertificatesTextFormatter {
    var verbose: Bool

    func render(_ report: CertificateReport) -> String {
        var lines = [report.summary]
        for entry in report.certificates {
            let certificate = entry.certificate
            let days = entry.daysLeft < 0
                ? "expired on \(certificate.validUntil), \(counted(-entry.daysLeft, "day")) ago"
                : "expires on \(certificate.validUntil), in \(counted(entry.daysLeft, "day"))"
            lines += ["", "\(entry.store)  \(days)"]
            var fields = [
                ("file", entry.file),
                ("environment", "\(entry.environment), trusted by \(counted(entry.clusters.count, "cluster"))"),
                ("subject", certificate.subject),
                ("issuer", certificate.issuer == certificate.subject ? "the subject (self-signed)" : certificate.issuer),
                ("serial", certificate.serialNumber),
                ("fingerprint", certificate.sha256Fingerprint),
                ("valid", "\(certificate.validFrom) to \(certificate.validUntil)"),
            ]
            if let version = entry.keyVaultVersion { fields.append(("Key Vault", "version \(version)")) }
            if verbose { fields.append(("clusters", entry.clusters.isEmpty ? "none" : entry.clusters.joined(separator: ", "))) }
            lines += fields.map { "  \($0.0.padding(toLength: 13, withPad: " ", startingAt: 0))\($0.1)" }
        }
        if !report.warnings.isEmpty {
            lines += ["", "Warnings:"]
            lines += report.warnings.map { "  \($0.kind.rawValue) \($0.store): \($0.message)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
