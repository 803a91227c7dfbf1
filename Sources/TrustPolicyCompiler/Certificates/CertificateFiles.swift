/// The certificate files the identities reference, read once and inspected, so that the
/// validator can report on them and the renderers can copy them without reading anything again.
public struct CertificateFiles: Sendable {
    /// Largest certificate file read; real CA certificates are a few kilobytes.
    public static let maxFileBytes = 1 << 20

    public enum Entry: Sendable {
        /// Read from `path` (relative to the policy directory) and inspected.
        case loaded(path: String, inspection: CertificateFileInspection)
        /// Not readable: the reference leaves the directory, does not exist, or could not be read.
        case unavailable(Unavailable)
    }

    public enum Unavailable: Sendable, Equatable {
        case reference(PolicyDirectory.ReferenceError)
        case unreadable(String)
        /// Larger than `maxFileBytes` (its size in bytes); not read.
        case tooLarge(Int)
    }

    private struct Key: Hashable {
        var file: String
        var reference: String
    }

    private var entries: [Key: Entry] = [:]

    public init() {}

    /// Reads every certificate file referenced by the source's identities.
    public static func load(for source: PolicySource, from directory: PolicyDirectory) -> CertificateFiles {
        var files = CertificateFiles()
        var byPath: [String: Entry] = [:]
        for name in source.identityNames {
            guard let identity = source.identities[name] else { continue }
            let file = identity.metadata.file
            for reference in identity.certificates + [identity.timestampAuthority].compactMap({ $0 }) {
                let key = Key(file: file, reference: reference.file.value)
                guard files.entries[key] == nil else { continue }
                switch directory.resolve(reference.file.value, from: file) {
                case .failure(let error):
                    files.entries[key] = .unavailable(.reference(error))
                case .success(let path):
                    if let entry = byPath[path] {
                        files.entries[key] = entry
                        continue
                    }
                    let entry: Entry
                    do {
                        let bytes = try directory.read(path, limit: maxFileBytes)
                        entry = .loaded(path: path, inspection: CertificateInspector.inspect(bytes))
                    } catch .tooLarge(let size) {
                        entry = .unavailable(.tooLarge(size))
                    } catch {
                        entry = .unavailable(.unreadable(error.description))
                    }
                    byPath[path] = entry
                    files.entries[key] = entry
                }
            }
        }
        return files
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
