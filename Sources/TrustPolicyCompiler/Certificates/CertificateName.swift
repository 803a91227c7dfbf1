/// A certificate's subject or issuer as Go prints it (`pkix.Name.String()`), which is what
/// `notation inspect` shows as `issuedTo` and `issuedBy`: most specific attribute first, `,`
/// between RDNs, `+` inside a multi-valued RDN (Go merges every value of one type into one,
/// `OU=a+OU=b`), `\` before `, + " \ < > ;` and before a leading `#` or an edge space, and
/// `<oid>=#<hex>` for an attribute type Go has no name for.
///
/// Read with the same go-ldap walk as Notation's subjects (`DistinguishedName`), but without
/// Notation's rules for trust-policy subjects: a certificate may repeat a type, group values
/// and lack C, ST or O. Compared attribute by attribute, never as text.
public struct CertificateName: Hashable, Sendable, CustomStringConvertible {
    /// Every attribute in written order; a multi-valued RDN contributes each of its values.
    public let attributes: [DistinguishedName.Attribute]
    /// The text as notation printed it.
    public let text: String

    public static func parse(_ text: String) -> Result<CertificateName, DistinguishedNameError> {
        RFC4514Parser.parse(Array(text.unicodeScalars), keepingHexValues: true).map { rdns in
            CertificateName(attributes: rdns.flatMap { $0.map { DistinguishedName.Attribute(type: $0.type, value: $0.value) } },
                            text: text)
        }
    }

    /// Whether a trust policy's `x509.subject` accepts this name the way Notation matches it:
    /// every attribute of `subject` is present here with the same value (an empty value in
    /// `subject` also matches an absent attribute, as notation-go's map lookup does).
    public func satisfies(_ subject: DistinguishedName) -> Bool {
        subject.attributes.allSatisfy { wanted in
            var present = false
            for attribute in attributes where attribute.type == wanted.type {
                if attribute.value == wanted.value { return true }
                present = true
            }
            return !present && wanted.value.isEmpty
        }
    }

    public var description: String { text }
}
