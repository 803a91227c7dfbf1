/// `certs`: compiles and lists every certificate of every trust store with its warnings.
extension CompilerDriver {
    public struct CertsRequest: Sendable {
        public var directory: String
        /// Keep only the certificates with at most this many days left.
        public var expiringWithin: Int?
        public var options: Options

        public init(directory: String, expiringWithin: Int? = nil, options: Options) {
            self.directory = directory
            self.expiringWithin = expiringWithin
            self.options = options
        }
    }

    public enum CertsOutcome: Sendable {
        /// The source has errors other than the certificate dates `certs` reports itself.
        case sourceHasErrors(Compilation)
        case listed(CertificateReport)
    }

    /// Expired and not-yet-valid certificates are errors to `validate`, but exactly what a
    /// certificate inventory must still list: they do not stop `certs`.
    static let certificateDateCodes: Set<DiagnosticCode> = [.certificateExpired, .certificateNotYetValid, .noValidCertificate]

    public static func certs(_ request: CertsRequest) throws(PolicyDirectory.OpenError) -> CertsOutcome {
        var compilation = try compile(directory: request.directory, options: request.options)
        compilation.diagnostics.removeAll { certificateDateCodes.contains($0.code) }
        guard !compilation.hasErrors else { return .sourceHasErrors(compilation) }
        let report = CertificateInventory.report(compilation.model, today: request.options.today)
        return .listed(request.expiringWithin.map(report.expiring(within:)) ?? report)
    }
}
