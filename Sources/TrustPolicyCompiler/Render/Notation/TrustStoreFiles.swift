/// The Notation CLI's trust store layout (`truststore/x509/<type>/<store>/<file>.pem`), so a CI
/// host can verify an image exactly as the clusters do.
enum TrustStoreFiles {
    static func files(for stores: [TrustStoreReference], model: ResolvedPolicy) -> [RenderedFile] {
        stores.flatMap { store -> [RenderedFile] in
            guard let identity = model.identities[store.identity] else { return [] }
            let certificates = identity.certificates(in: store.type)
            return certificates.map { certificate in
                RenderedFile(path: "truststore/x509/\(store.type.rawValue)/\(store.identity)/\(fileName(certificate, among: certificates))",
                             text: certificate.certificate.pem)
            }
        }
    }

    /// The certificate's own file name, made unique within its store by the fingerprint if two
    /// certificates share one.
    static func fileName(_ certificate: TrustedCertificate, among all: [TrustedCertificate]) -> String {
        let base = stem(certificate.file)
        let clash = all.contains { $0 != certificate && stem($0.file) == base }
        return clash ? "\(base)-\(certificate.certificate.sha256Fingerprint.prefix(12)).pem" : "\(base).pem"
    }

    private static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let withoutExtension = name.split(separator: ".", omittingEmptySubsequences: false).dropLast()
        let stem = withoutExtension.isEmpty ? name : withoutExtension.joined(separator: ".")
        let safe = stem.unicodeScalars.map { scalar -> Character in
            let allowed = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_" || scalar == "."
            return allowed ? Character(scalar) : "-"
        }
        return safe.isEmpty ? "certificate" : String(safe)
    }
}
