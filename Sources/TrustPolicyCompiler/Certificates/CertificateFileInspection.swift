/// Everything found in one certificate file: the certificates that parsed and every problem,
/// so one run reports all of them instead of stopping at the first.
public struct CertificateFileInspection: Sendable {
    /// Every certificate found, in file order.
    public let certificates: [InspectedCertificate]
    /// Every problem, in file order (file-level problems first, `multipleCertificates` last).
    public let problems: [CertificateFileProblem]

    public init(certificates: [InspectedCertificate], problems: [CertificateFileProblem]) {
        self.certificates = certificates
        self.problems = problems
    }
}
