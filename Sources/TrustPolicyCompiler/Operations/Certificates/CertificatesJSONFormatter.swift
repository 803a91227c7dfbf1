/// The certificate report as JSON (the contract of issue 12): `certificates` and `warnings`,
/// plus `today`, `expiringWithin` and, per certificate, the fields the text shows.
struct CertificatesJSONFormatter {
    var verbose: Bool

    func render(_ report: CertificateReport) -> String {
        JSONValue.object([
            "certificates": .array(report.certificates.map(certificate)),
            "warnings": .array(report.warnings.map { warning in
                .object([
                    "kind": .string(warning.kind.rawValue),
                    "identity": .string(warning.store.identity),
                    "environment": .string(warning.environment),
                    "storeType": .string(warning.store.type.rawValue),
                    "fingerprints": .strings(warning.fingerprints),
                    "message": .string(warning.message),
                ])
            }),
            "today": .string(report.today.description),
            "expiringWithin": report.expiringWithin.map(JSONValue.integer) ?? .null,
        ]).serialized()
    }

    private func certificate(_ entry: CertificateEntry) -> JSONValue {
        let certificate = entry.certificate
        return .object([
            "identity": .string(entry.identity),
            "environment": .string(entry.environment),
            "storeType": .string(entry.store.type.rawValue),
            "subject": .string(certificate.subject),
            "issuer": .string(certificate.issuer),
            "serial": .string(certificate.serialNumber),
            "fingerprint": .string(certificate.sha256Fingerprint),
            "notBefore": .string(certificate.validFrom.description),
            "notAfter": .string(certificate.validUntil.description),
            "daysLeft": .integer(entry.daysLeft),
            "keyVaultVersion": entry.keyVaultVersion.map(JSONValue.string) ?? .null,
            "file": .string(entry.file),
            "clusters": .integer(entry.clusters.count),
            "clusterNames": verbose ? .strings(entry.clusters) : nil,
        ])
    }
}
