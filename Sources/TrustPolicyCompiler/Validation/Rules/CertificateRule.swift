/// Certificate files exist inside the policy directory (TP400, TP016), can be read (TP001) and
/// are not larger than `LoaderLimits.maxCertificateBytes` (TP008), hold exactly one PEM
/// certificate and no key (TP401, TP407, TP408, TP409), are CAs (TP402) or, for a timestamp
/// authority, self-signed roots (TP410), are valid today (TP403, TP404, TP405), are not listed
/// twice (TP412), and every identity keeps at least one valid certificate (TP406).
struct CertificateRule: ValidationRule {
    static let codes: [DiagnosticCode] = [.certificateFileMissing, .pathOutsidePolicyDirectory, .unreadableFile, .fileTooLarge,
                                          .certificateUnparseable, .privateKeyInFile, .multipleCertificatesInFile,
                                          .certificateIsDER, .certificateNotCA, .timestampAuthorityNotRoot,
                                          .certificateExpired, .certificateExpiresSoon, .certificateNotYetValid,
                                          .duplicateCertificate, .noValidCertificate]

    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector) {
        let warningDays = context.decoded.organization?.certificateExpiryWarningDays.value ?? 30
        for name in context.decoded.identityNames {
            guard let identity = context.decoded.identities[name] else { continue }
            var fingerprints: [String: SourceLocation] = [:]
            var validToday = 0
            for reference in identity.certificates {
                guard let certificate = inspect(reference, of: identity, context: context, into: &diagnostics) else { continue }
                if let first = fingerprints[certificate.sha256Fingerprint] {
                    diagnostics.emit(.duplicateCertificate, "`\(reference.file.value)` is the same certificate as one listed before",
                                     at: reference.file.location, fix: "remove the repeated entry",
                                     notes: [.init("first listed here", at: first)])
                }
                fingerprints[certificate.sha256Fingerprint] = reference.file.location
                if !certificate.isCA {
                    diagnostics.emit(.certificateNotCA,
                                     "`\(reference.file.value)` (\(certificate.subject)) is not a CA certificate; a `\(identity.trustStoreType.value.rawValue)` trust store holds root or intermediate CAs",
                                     at: reference.file.location,
                                     fix: "reference the CA that issued the signing certificate, not the signing certificate itself")
                }
                if checkValidity(certificate, reference: reference, today: context.today, warningDays: warningDays,
                                 into: &diagnostics) {
                    validToday += 1
                }
            }
            if validToday == 0, !identity.certificates.isEmpty,
               identity.certificates.allSatisfy({ context.certificates.certificate(for: $0, in: identity.metadata.file) != nil }) {
                diagnostics.emit(.noValidCertificate,
                                 "signing identity `\(name)` has no certificate that is valid on \(context.today): every signature of it would be rejected",
                                 at: identity.certificates[0].file.location,
                                 fix: "add the identity's current CA certificate before removing the old one")
            }
            if let tsa = identity.timestampAuthority,
               let certificate = inspect(tsa, of: identity, context: context, into: &diagnostics) {
                if !certificate.isSelfSigned || !certificate.isCA {
                    diagnostics.emit(.timestampAuthorityNotRoot,
                                     "`\(tsa.file.value)` (\(certificate.subject)) is not a self-signed root CA; Notation's tsa stores hold only roots",
                                     at: tsa.file.location, fix: "reference the timestamp authority's root certificate")
                }
                _ = checkValidity(certificate, reference: tsa, today: context.today, warningDays: warningDays, into: &diagnostics)
            }
        }
    }

    /// Reports problems reading the file; returns its certificate when there is one.
    private func inspect(_ reference: SigningIdentity.CertificateReference, of identity: SigningIdentity,
                         context: ValidationContext, into diagnostics: inout DiagnosticCollector) -> InspectedCertificate? {
        let file = reference.file
        switch context.certificates.entry(for: reference, in: identity.metadata.file) {
        case nil:
            return nil
        case .unavailable(.reference(let error))?:
            switch error {
            case .missing:
                diagnostics.emit(.certificateFileMissing, "certificate file `\(file.value)` does not exist", at: file.location,
                                 fix: "paths are relative to the file that names them (`\(identity.metadata.file)`)")
            case .absolute, .escapes, .linkEscapes, .invalidCharacters:
                diagnostics.emit(.pathOutsidePolicyDirectory,
                                 "certificate path `\(file.value)` leads outside the policy directory; trustc reads nothing outside it",
                                 at: file.location, fix: "copy the certificate into the policy directory and reference it relatively")
            }
            return nil
        case .unavailable(.unreadable(let reason))?:
            diagnostics.emit(.unreadableFile, "cannot read certificate file `\(file.value)`: \(reason)", at: file.location)
            return nil
        case .unavailable(.tooLarge(let size, let limit))?:
            diagnostics.emit(.fileTooLarge,
                             "certificate file `\(file.value)` is \(size) bytes; the limit is \(limit) bytes, and a CA certificate is a few kilobytes",
                             at: file.location, fix: "reference the PEM file of the one CA certificate to trust")
            return nil
        case .loaded(_, let inspection)?:
            for problem in inspection.problems {
                report(problem, file: file, into: &diagnostics)
            }
            return inspection.certificates.first
        }
    }

    private func report(_ problem: CertificateFileProblem, file: Located<String>, into diagnostics: inout DiagnosticCollector) {
        switch problem {
        case .empty:
            diagnostics.emit(.certificateUnparseable, "certificate file `\(file.value)` is empty", at: file.location)
        case .notPEM:
            diagnostics.emit(.certificateUnparseable, "`\(file.value)` holds no PEM certificate", at: file.location,
                             fix: "reference a PEM file starting with -----BEGIN CERTIFICATE-----")
        case .truncated:
            diagnostics.emit(.certificateUnparseable, "`\(file.value)` is truncated: a PEM block is incomplete", at: file.location,
                             fix: "export the certificate again")
        case .unparseable(let reason):
            diagnostics.emit(.certificateUnparseable, "`\(file.value)` holds a certificate that cannot be parsed: \(reason)",
                             at: file.location)
        case .unexpectedBlock(let label):
            diagnostics.emit(.certificateUnparseable, "`\(file.value)` holds a `\(label)` block, not a certificate",
                             at: file.location, fix: "keep only the CERTIFICATE block")
        case .privateKey(let label):
            diagnostics.emit(.privateKeyInFile,
                             "`\(file.value)` holds a private key (`\(label)`); private keys must never be committed",
                             at: file.location, fix: "remove the key from the file and rotate it: it is now exposed in Git history")
        case .multipleCertificates(let count):
            diagnostics.emit(.multipleCertificatesInFile,
                             "`\(file.value)` holds \(count) certificates; each trusted certificate needs its own file",
                             at: file.location, fix: "split it into one file per certificate and list each under `certificates`")
        case .der:
            diagnostics.emit(.certificateIsDER, "`\(file.value)` is a DER certificate; trustc and Ratify need PEM",
                             at: file.location, fix: "convert it: openssl x509 -inform der -in \(file.value) -out <name>.pem")
        }
    }

    /// Reports expiry problems; returns whether the certificate is valid today.
    private func checkValidity(_ certificate: InspectedCertificate, reference: SigningIdentity.CertificateReference,
                               today: CivilDate, warningDays: Int, into diagnostics: inout DiagnosticCollector) -> Bool {
        let file = reference.file
        if certificate.validUntil < today {
            diagnostics.emit(.certificateExpired, "`\(file.value)` expired on \(certificate.validUntil)", at: file.location,
                             fix: "remove it and add its successor")
            return false
        }
        if certificate.validFrom > today {
            diagnostics.emit(.certificateNotYetValid,
                             "`\(file.value)` is not valid before \(certificate.validFrom); signatures chaining to it fail until then",
                             at: file.location)
            return false
        }
        let remaining = today.days(until: certificate.validUntil)
        if remaining <= warningDays {
            diagnostics.emit(.certificateExpiresSoon,
                             "`\(file.value)` expires on \(certificate.validUntil), in \(remaining) day\(remaining == 1 ? "" : "s")",
                             at: file.location, fix: "start the rotation: add the successor certificate next to it")
        }
        return true
    }
}
