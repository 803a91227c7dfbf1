/// Every identity's `subject` is a distinguished name notation-go accepts as `x509.subject`
/// (TP300-TP304): RFC 4514, single-valued RDNs, no repeated attribute, C, ST and O present.
struct SubjectRule: ValidationRule {
    static let codes: [DiagnosticCode] = [.malformedDistinguishedName, .missingSubjectAttribute,
                                          .duplicateSubjectAttribute, .multiValuedRDN, .unsupportedHexValue]

    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector) {
        for name in context.decoded.identityNames {
            guard let subject = context.decoded.identities[name]?.subject,
                  case .failure(let error) = DistinguishedName.parse(subject.value) else { continue }
            let (code, message, fix) = Self.describe(error, subject: subject.value)
            diagnostics.emit(code, message, at: subject.location, fix: fix)
        }
    }

    static func describe(_ error: DistinguishedNameError, subject: String) -> (DiagnosticCode, String, String) {
        switch error.kind {
        case .malformed(let reason):
            return (.malformedDistinguishedName, "subject `\(subject)` is not a valid distinguished name: \(reason)",
                    "write it as RFC 4514 attributes separated by commas, e.g. C=US, ST=WA, O=Contoso, CN=build")
        case .multiValuedRDN:
            return (.multiValuedRDN, "subject `\(subject)` has a multi-valued RDN (`+`), which Notation does not support",
                    "split the `+`-joined attributes into separate comma-separated ones")
        case .duplicateAttribute(let type):
            return (.duplicateSubjectAttribute, "subject `\(subject)` has `\(type)` more than once (S counts as ST)",
                    "keep one `\(type)=` attribute")
        case .missingAttribute(let type):
            return (.missingSubjectAttribute, "subject `\(subject)` has no `\(type)` attribute; Notation requires C, ST and O",
                    "add `\(type)=...` as in the signing certificate's subject")
        case .hexEncodedValue:
            return (.unsupportedHexValue, "subject `\(subject)` has a hex-encoded value (`=#`), which Notation does not support",
                    "write the attribute value as a string")
        }
    }
}
