/// One document `notation inspect REFERENCE -o json` prints, plus the top-level `reference` key
/// an inventory adds (`<loginServer>/<repository>@sha256:<digest>`).
///
/// Every shape notation has printed is accepted: v1.x's `Signatures` (capital S, the Go field
/// name, with a per-signature `mediaType`) and v2's `signatures` (with `signatureEnvelopeType`);
/// `null` for a map without entries (`userDefinedAttributes` of a signature made without
/// `--user-metadata`) or a list without elements; RFC 3339 times with or without a fraction, in
/// any offset; a timestamp countersignature's `timestamp` range (`[lower, upper]`) or its
/// `error`; and the `Warning:` line notation v1 prints after the JSON. Only the fields trustc
/// uses are kept; the rest is skipped without being built. Problems are located: a JSON path,
/// and the line and byte column in the document.
public struct NotationInspection: Sendable {
    /// The top-level `reference` an inventory adds, if present.
    public var reference: String?
    public var signatures: [Signature]

    /// `signedAttributes.signingScheme`: which trust-store type anchors the signature.
    public enum SigningScheme: Sendable, Hashable, CustomStringConvertible {
        /// `notary.x509`: verified against `ca` stores, its time vouched for by a timestamp.
        case x509
        /// `notary.x509.signingAuthority`: verified against `signingAuthority` stores, at its
        /// signing time.
        case signingAuthority
        case other(String)

        public init(_ text: String) {
            switch text {
            case "notary.x509": self = .x509
            case "notary.x509.signingAuthority": self = .signingAuthority
            default: self = .other(text)
            }
        }

        public var description: String {
            switch self {
            case .x509: "notary.x509"
            case .signingAuthority: "notary.x509.signingAuthority"
            case .other(let text): text
            }
        }
    }

    /// One certificate of a chain as notation prints it.
    public struct Certificate: Sendable, Hashable {
        /// Lowercase hex SHA-256 of the DER, comparable with `InspectedCertificate.sha256Fingerprint`.
        public var sha256Fingerprint: String
        /// Subject and issuer as Go prints names (`CertificateName` reads them); read with
        /// `.signers`, only the signing certificate's subject (the others are empty).
        public var issuedTo: String
        public var issuedBy: String
        /// The certificate's notAfter.
        public var expiry: Instant
    }

    /// An RFC 3161 timestamp countersignature (`unsignedAttributes.timestampSignature`).
    public struct TimestampCountersignature: Sendable {
        /// The range the timestamp authority vouches for (its time ± accuracy); `nil` when
        /// notation printed an error instead.
        public var earliest: Instant?
        public var latest: Instant?
        /// The timestamp authority's chain, leaf first.
        public var certificates: [Certificate]
        /// Why notation could not read the countersignature.
        public var error: String?
    }

    public struct Signature: Sendable {
        /// The signature manifest's digest.
        public var digest: String?
        /// `application/jose+json` or `application/cose`.
        public var envelopeType: String?
        public var signatureAlgorithm: String?
        public var signingScheme: SigningScheme
        public var signingTime: Instant?
        /// The signature's own expiry (`notation sign --expiry`).
        public var expiry: Instant?
        public var signingAgent: String?
        /// The signing chain, leaf first; never empty.
        public var certificates: [Certificate]
        public var timestamp: TimestampCountersignature?
        /// The digest of the manifest the signature covers.
        public var signedArtifactDigest: String?
        /// Where the signature is in the document: its position and the list's key
        /// (`Signatures` or `signatures`).
        public var position: Int
        public var listKey: String

        /// `$.Signatures[0]`, for messages.
        public var path: String { "$.\(listKey)[\(position)]" }

        /// The signing certificate.
        public var leaf: Certificate { certificates[0] }
    }

    /// Why a document was refused: what, where in the JSON (a path such as
    /// `$.Signatures[0].certificates`) and where in the text.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var path: String
        /// 1-based line and byte column in the document.
        public var line: Int
        public var column: Int

        public var description: String { "\(path): \(message)" }
    }

    /// How much of a document to keep.
    public enum Detail: Sendable {
        /// Every field above.
        case full
        /// What identifying signers needs, for an inventory of many images: the reference, the
        /// signatures' digests and schemes, and their chains' fingerprints, expiry dates and
        /// signing certificate's subject. The rest is checked and skipped: envelope type,
        /// algorithm, signing time and agent, the timestamp countersignature, the signed
        /// artifact, issuers and the other certificates' subjects.
        case signers
    }

    /// Reads the document in `bytes[range]` (the whole array by default).
    public static func read(_ bytes: [UInt8], in range: Range<Int>? = nil, detail: Detail = .full) throws(Failure) -> NotationInspection {
        let decoder = Decoder(full: detail == .full)
        var reader = JSONReader(bytes, in: range ?? 0..<bytes.count)
        return try decoder.document(&reader)
    }
}

/// The walk over one document, and the first problem that is not a JSON syntax error
/// (JSONReader's callbacks can only throw its own failures, so such a problem is kept here and
/// the walk is unwound with a placeholder). The JSON path of a failure is gathered while it
/// unwinds, each member and element adding itself, so reading a good document costs nothing
/// for paths.
private final class Decoder {
    typealias Failure = NotationInspection.Failure

    private enum Component {
        case key(String)
        case index(Int)
    }

    /// The path of the value that failed, innermost component first.
    private var unwound: [Component] = []
    private var problem: Failure?
    /// `Detail.full`: everything is kept; else only what `Detail.signers` lists.
    private let full: Bool

    init(full: Bool) {
        self.full = full
    }

    private enum DocumentKey: String, CaseIterable, Sendable {
        case reference, signaturesV1 = "Signatures", signatures
    }

    private enum SignatureKey: String, CaseIterable, Sendable {
        case digest, mediaType, signatureEnvelopeType, signatureAlgorithm, signedAttributes, unsignedAttributes, certificates,
             signedArtifact
    }

    private enum SignedKey: String, CaseIterable, Sendable {
        case signingScheme, signingTime, expiry
    }

    private enum UnsignedKey: String, CaseIterable, Sendable {
        case signingAgent, timestampSignature
    }

    private enum TimestampKey: String, CaseIterable, Sendable {
        case timestamp, certificates, error
    }

    private enum CertificateKey: String, CaseIterable, Sendable {
        case fingerprint = "SHA256Fingerprint", issuedTo, issuedBy, expiry
    }

    private enum ArtifactKey: String, CaseIterable, Sendable {
        case digest
    }

    /// The members of a signature `Detail.signers` reads.
    private static let signerKeys: Set<SignatureKey> = [.digest, .signedAttributes, .certificates]

    private static let documentKeys = JSONReader.Keys<DocumentKey>()
    private static let signatureKeys = JSONReader.Keys<SignatureKey>()
    private static let signedKeys = JSONReader.Keys<SignedKey>()
    private static let unsignedKeys = JSONReader.Keys<UnsignedKey>()
    private static let timestampKeys = JSONReader.Keys<TimestampKey>()
    private static let certificateKeys = JSONReader.Keys<CertificateKey>()
    private static let artifactKeys = JSONReader.Keys<ArtifactKey>()

    func document(_ reader: inout JSONReader) throws(Failure) -> NotationInspection {
        let start = reader.valueOffset()
        var inspection = NotationInspection(reference: nil, signatures: [])
        var signaturesKey: DocumentKey?
        do throws(JSONReader.Failure) {
            guard try reader.peek() == .object else { throw reader.failure("expected an object (the output of `notation inspect -o json`)") }
            try reader.object(keys: Self.documentKeys) { key, reader throws(JSONReader.Failure) in
                switch key {
                case .reference?: inspection.reference = try field(key!, &reader) { reader throws(JSONReader.Failure) in try reader.string() }
                case .signaturesV1?, .signatures?:
                    if let other = signaturesKey, other != key {
                        try fail("both `Signatures` and `signatures` are present", at: reader.valueOffset(), in: reader)
                    }
                    signaturesKey = key
                    inspection.signatures = try list(key!, &reader) { position, reader throws(JSONReader.Failure) in
                        try signature(&reader, at: position, in: key!.rawValue)
                    }
                case nil: try reader.skip()
                }
            }
            if signaturesKey == nil {
                try fail("no `Signatures` (notation 1.x) or `signatures` (notation 2) list", at: start, in: reader)
            }
            if !reader.remainderStarts(with: "Warning:") { try reader.end() }
        } catch {
            var failure = problem ?? Failure(message: error.message, path: "", line: error.line, column: error.column)
            failure.path = spelledPath
            throw failure
        }
        return inspection
    }

    /// `$.Signatures[0].certificates`.
    private var spelledPath: String {
        "$" + unwound.reversed().map { component in
            switch component {
            case .key(let name): ".\(name)"
            case .index(let index): "[\(index)]"
            }
        }.joined()
    }

    // MARK: Signatures

    private func signature(_ reader: inout JSONReader, at position: Int, in listKey: String) throws(JSONReader.Failure) -> NotationInspection.Signature {
        let start = reader.valueOffset()
        var digest: String?, envelopeType: String?, algorithm: String?, artifactDigest: String?
        var scheme: NotationInspection.SigningScheme?, signingTime: Instant?, expiry: Instant?
        var agent: String?, timestamp: NotationInspection.TimestampCountersignature?
        var certificates: [NotationInspection.Certificate]?
        try object(&reader, Self.signatureKeys) { key, reader throws(JSONReader.Failure) in
            if !full, let key, !Self.signerKeys.contains(key) {
                try reader.skip()
                return
            }
            switch key {
            case .digest?: digest = try string(key!, &reader)
            case .mediaType?, .signatureEnvelopeType?: envelopeType = try string(key!, &reader)
            case .signatureAlgorithm?: algorithm = try string(key!, &reader)
            case .signedAttributes?:
                try map(key!, &reader, Self.signedKeys) { name, reader throws(JSONReader.Failure) in
                    switch name {
                    case .signingScheme?:
                        scheme = .init(try field(name!, &reader) { reader throws(JSONReader.Failure) in try reader.string() })
                    case .signingTime? where full: signingTime = try instant(name!, &reader)
                    case .expiry?: expiry = try instant(name!, &reader)
                    case .signingTime?, nil: try reader.skip()
                    }
                }
            case .unsignedAttributes?:
                try map(key!, &reader, Self.unsignedKeys) { name, reader throws(JSONReader.Failure) in
                    switch name {
                    case .signingAgent?: agent = try string(name!, &reader)
                    case .timestampSignature?: timestamp = try countersignature(name!, &reader)
                    case nil: try reader.skip()
                    }
                }
            case .certificates?: certificates = try chain(key!, &reader)
            case .signedArtifact?:
                try map(key!, &reader, Self.artifactKeys) { name, reader throws(JSONReader.Failure) in
                    if let name { artifactDigest = try string(name, &reader) } else { try reader.skip() }
                }
            case nil: try reader.skip()
            }
        }
        guard let scheme else { try fail("no `signedAttributes.signingScheme`", at: start, in: reader) }
        guard let certificates, !certificates.isEmpty else {
            try fail("a signature without certificates: notation prints the signing chain, leaf first", at: start, in: reader)
        }
        return NotationInspection.Signature(
            digest: digest, envelopeType: envelopeType, signatureAlgorithm: algorithm, signingScheme: scheme,
            signingTime: signingTime, expiry: expiry, signingAgent: agent, certificates: certificates,
            timestamp: timestamp, signedArtifactDigest: artifactDigest, position: position, listKey: listKey)
    }

    private func countersignature(_ key: UnsignedKey, _ reader: inout JSONReader) throws(JSONReader.Failure) -> NotationInspection.TimestampCountersignature? {
        try field(key, &reader) { reader throws(JSONReader.Failure) in
            if try reader.skipNull() { return nil }
            var result = NotationInspection.TimestampCountersignature(earliest: nil, latest: nil, certificates: [], error: nil)
            try object(&reader, Self.timestampKeys) { name, reader throws(JSONReader.Failure) in
                switch name {
                case .timestamp?:
                    (result.earliest, result.latest) = try field(name!, &reader) { reader throws(JSONReader.Failure) in
                        let offset = reader.valueOffset()
                        let text = try reader.string()
                        guard let range = Self.timestampRange(text) else {
                            try fail("`\(text)` is not a timestamp range `[<RFC 3339 time>, <RFC 3339 time>]`", at: offset, in: reader)
                        }
                        return range
                    }
                case .certificates?: result.certificates = try chain(name!, &reader) ?? []
                case .error?: result.error = try string(name!, &reader)
                case nil: try reader.skip()
                }
            }
            return result
        }
    }

    /// `[lower, upper]`, as tspclient-go's `Timestamp.Format` prints a timestamp and its accuracy.
    private static func timestampRange(_ text: String) -> (Instant, Instant)? {
        guard text.hasPrefix("["), text.hasSuffix("]") else { return nil }
        let parts = text.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let lower = Instant(rfc3339: String(parts[0].drop { $0 == " " })),
              let upper = Instant(rfc3339: String(parts[1].drop { $0 == " " })) else { return nil }
        return (lower, upper)
    }

    // MARK: Certificates

    /// A chain, `nil` when it is `null`.
    private func chain<Key: RawRepresentable>(_ key: Key, _ reader: inout JSONReader) throws(JSONReader.Failure) -> [NotationInspection.Certificate]?
    where Key.RawValue == String {
        if try reader.peek() == .null {
            _ = try reader.skipNull()
            return nil
        }
        return try list(key, &reader) { position, reader throws(JSONReader.Failure) in
            try certificate(&reader, subject: full || position == 0, issuer: full)
        }
    }

    /// A certificate; its subject and issuer are kept only when asked for, else checked and
    /// skipped.
    private func certificate(_ reader: inout JSONReader, subject: Bool, issuer: Bool) throws(JSONReader.Failure) -> NotationInspection.Certificate {
        let start = reader.valueOffset()
        var fingerprint: String?, issuedTo: String?, issuedBy: String?, expiry: Instant?
        try object(&reader, Self.certificateKeys) { key, reader throws(JSONReader.Failure) in
            switch key {
            case .fingerprint?:
                fingerprint = try field(key!, &reader) { reader throws(JSONReader.Failure) in
                    let offset = reader.valueOffset()
                    guard let value = try reader.withStringBytes("a string", Self.fingerprint) else {
                        try fail("`\(try reader.string(at: offset))` is not a SHA-256 fingerprint (64 hexadecimal digits)", at: offset, in: reader)
                    }
                    return value
                }
            case .issuedTo? where subject: issuedTo = try field(key!, &reader) { reader throws(JSONReader.Failure) in try reader.string() }
            case .issuedTo?:
                try field(key!, &reader) { reader throws(JSONReader.Failure) in try reader.withStringBytes("a string") { _ in } }
                issuedTo = ""
            case .issuedBy? where issuer: issuedBy = try string(key!, &reader)
            case .expiry?: expiry = try instant(key!, &reader)
            case .issuedBy?, nil: try reader.skip()
            }
        }
        guard let fingerprint else { try fail("a certificate without `SHA256Fingerprint`", at: start, in: reader) }
        guard let issuedTo else { try fail("a certificate without `issuedTo`", at: start, in: reader) }
        guard let expiry else { try fail("a certificate without `expiry`", at: start, in: reader) }
        return NotationInspection.Certificate(sha256Fingerprint: fingerprint, issuedTo: issuedTo, issuedBy: issuedBy ?? "",
                                              expiry: expiry)
    }

    /// Lowercase 64-digit hex, or `nil`.
    private static func fingerprint(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count == 64 else { return nil }
        var upper = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "F"): upper = true
            default: return nil
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return upper ? text.lowercased() : text
    }

    // MARK: Walking with a path

    /// Reads member `key`'s value with `read`; a failure's path gets the key.
    private func field<Key: RawRepresentable, T>(_ key: Key, _ reader: inout JSONReader,
                                                 _ read: (inout JSONReader) throws(JSONReader.Failure) -> T) throws(JSONReader.Failure) -> T
    where Key.RawValue == String {
        do throws(JSONReader.Failure) {
            return try read(&reader)
        } catch {
            unwound.append(.key(key.rawValue))
            throw error
        }
    }

    /// A string or `null`.
    private func string<Key: RawRepresentable>(_ key: Key, _ reader: inout JSONReader) throws(JSONReader.Failure) -> String?
    where Key.RawValue == String {
        try field(key, &reader) { reader throws(JSONReader.Failure) in try reader.optionalString() }
    }

    private func instant<Key: RawRepresentable>(_ key: Key, _ reader: inout JSONReader) throws(JSONReader.Failure) -> Instant
    where Key.RawValue == String {
        try field(key, &reader) { reader throws(JSONReader.Failure) in
            let offset = reader.valueOffset()
            guard let instant = try reader.withStringBytes("a string", { Instant(rfc3339: $0) }) else {
                try fail("`\(try reader.string(at: offset))` is not an RFC 3339 time", at: offset, in: reader)
            }
            return instant
        }
    }

    /// An object (`null` counts as an empty one) walked member by member.
    private func map<Key: RawRepresentable, Member>(_ key: Key, _ reader: inout JSONReader, _ keys: JSONReader.Keys<Member>,
                                                    _ member: (Member?, inout JSONReader) throws(JSONReader.Failure) -> Void) throws(JSONReader.Failure)
    where Key.RawValue == String {
        try field(key, &reader) { reader throws(JSONReader.Failure) in
            if try reader.skipNull() { return }
            try object(&reader, keys, member)
        }
    }

    private func object<Member>(_ reader: inout JSONReader, _ keys: JSONReader.Keys<Member>,
                                _ member: (Member?, inout JSONReader) throws(JSONReader.Failure) -> Void) throws(JSONReader.Failure) {
        guard try reader.peek() == .object else { throw reader.failure("expected an object") }
        try reader.object(keys: keys, member)
    }

    /// An array (`null` counts as an empty one), each element read with its position (which a
    /// failure's path gets).
    private func list<Key: RawRepresentable, T>(_ key: Key, _ reader: inout JSONReader,
                                                _ element: (Int, inout JSONReader) throws(JSONReader.Failure) -> T) throws(JSONReader.Failure) -> [T]
    where Key.RawValue == String {
        try field(key, &reader) { reader throws(JSONReader.Failure) in
            if try reader.skipNull() { return [] }
            guard try reader.peek() == .array else { throw reader.failure("expected an array") }
            var items: [T] = []
            try reader.array { reader throws(JSONReader.Failure) in
                do throws(JSONReader.Failure) {
                    items.append(try element(items.count, &reader))
                } catch {
                    unwound.append(.index(items.count))
                    throw error
                }
            }
            return items
        }
    }

    /// Keeps a problem that is not a syntax error and unwinds the walk.
    private func fail(_ message: String, at offset: Int, in reader: JSONReader) throws(JSONReader.Failure) -> Never {
        let (line, column) = reader.position(at: offset)
        problem = NotationInspection.Failure(message: message, path: "", line: line, column: column)
        throw JSONReader.Failure(message: message, line: line, column: column)
    }
}
