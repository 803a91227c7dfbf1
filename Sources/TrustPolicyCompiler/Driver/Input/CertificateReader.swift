/// Reads the certificate files the identities reference (each file once, however many
/// identities name it) and hands their bytes to the certificate stage to inspect.
struct CertificateReader {
    let directory: PolicyDirectory
    let limit: Int

    func read(for decoded: DecodedPolicy) -> CertificateFiles {
        var files = CertificateFiles()
        var byPath: [String: CertificateFiles.Entry] = [:]
        for name in decoded.identityNames {
            guard let identity = decoded.identities[name] else { continue }
            let file = identity.metadata.file
            for reference in identity.certificates + [identity.timestampAuthority].compactMap({ $0 }) {
                let written = reference.file.value
                guard !files.contains(written, in: file) else { continue }
                switch directory.resolve(written, from: file) {
                case .failure(let error):
                    files.record(.unavailable(.reference(error)), for: written, in: file)
                case .success(let path):
                    let entry = byPath[path] ?? readEntry(path)
                    byPath[path] = entry
                    files.record(entry, for: written, in: file)
                }
            }
        }
        return files
    }

    private func readEntry(_ path: String) -> CertificateFiles.Entry {
        do {
            let bytes = try directory.read(path, limit: limit)
            return .loaded(path: path, inspection: CertificateInspector.inspect(bytes))
        } catch .tooLarge(let size) {
            return .unavailable(.tooLarge(size: size, limit: limit))
        } catch {
            return .unavailable(.unreadable(error.description))
        }
    }
}
