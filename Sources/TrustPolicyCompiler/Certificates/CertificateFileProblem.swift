/// Something about a certificate file that keeps it from being a plain PEM certificate, so the
/// caller can say exactly what to fix (and which `openssl` command fixes it).
public enum CertificateFileProblem: Equatable, Sendable {
    /// No bytes, or only whitespace.
    case empty
    /// The bytes are DER certificates, not PEM; the certificates are still returned so the caller
    /// can suggest `openssl x509 -inform der ...`.
    case der
    /// Neither PEM nor DER certificates.
    case notPEM
    /// A BEGIN line without its END line (or an END line without its BEGIN line), or a
    /// CERTIFICATE block whose base64 does not decode.
    case truncated
    /// A PEM block labelled PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY, ENCRYPTED PRIVATE KEY ...
    case privateKey(label: String)
    /// A PEM block with another label (PUBLIC KEY, CERTIFICATE REQUEST, X509 CRL ...).
    case unexpectedBlock(label: String)
    /// The file holds more than one certificate (reported once, after the others).
    case multipleCertificates(count: Int)
    /// A CERTIFICATE block (or DER element) that swift-certificates cannot parse.
    case unparseable(reason: String)
}
