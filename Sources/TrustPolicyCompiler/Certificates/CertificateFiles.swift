/// The certificate files the identities reference, read once by the driver and inspected, so
/// that the validator can report on them and the renderers can copy them without reading
/// anything again.
public struct CertificateFiles: Sendable {
    public enum Entry: Sendable {
        /// Read from `path` (relative to the policy directory) and inspected.
        case loaded(path: String, inspection: CertificateFileInspection)
        /// Not readable: the reference leaves the directory, does not exist, or could not be read.
        case unavailable(Unavailable)
    }

    public enum Unavailable: Sendable, Equatable {
        case reference(PolicyDirectory.ReferenceError)
        case unreadable(String)
        /// Larger than the limit (`LoaderLimits.maxCertificateBytes`); not read.
        case tooLarge(size: Int, limit: Int)
    }

    private struct Key: Hashable {
        var file: String
        var reference: String
    }

    private var entries: [Key: Entry] = [:]

    public init() {}

    /// Records what became of `reference`, written in `file`.
    mutating func record(_ entry: Entry, for reference: String, in file: String) {
        entries[Key(file: file, reference: reference)] = entry
    }

    /// Whether `reference`, written in `file`, is already recorded.
    func contains(_ reference: String, in file: String) -> Bool {
        entries[Key(file: file, reference: reference)] != nil
    }

    /// What became of a certificate reference written in `file`.
    public func entry(for reference: SigningIdentity.CertificateReference, in file: String) -> Entry? {
        entries[Key(file: file, reference: reference.file.value)]
    }

    /// The certificate a reference names, when the file holds one that could be parsed.
    func certificate(for reference: SigningIdentity.CertificateReference,
                     in file: String) -> (path: String, certificate: InspectedCertificate)? {
        guard case .loaded(let path, let inspection)? = entry(for: reference, in: file),
              let certificate = inspection.certificates.first else { return nil }
        return (path, certificate)
    }
}
