/// `trustc-manifest.json` at the root of the output: every file trustc wrote with its SHA-256.
/// It is how trustc tells its own files from anyone else's, so it never deletes a file it did
/// not write, and how `render --check` and reviewers verify the tree.
public enum OutputManifest {
    /// `organization` names whose output this is, so that applying it (examples/azure) finds
    /// the organisation's own Azure resources.
    static func file(listing files: [(path: String, sha256: String)], organization: String) -> RenderedFile {
        RenderedFile(path: BundleLayout.manifest, json: .object([
            "apiVersion": .string("trustc/v1"),
            "kind": .string("OutputManifest"),
            "generator": .string("trustc \(TrustcVersion.current)"),
            "organization": .string(organization),
            "files": .array(files.filter { $0.path != BundleLayout.manifest }.sorted { $0.path < $1.path }.map { file in
                .object(["path": .string(file.path), "sha256": .string(file.sha256)])
            }),
        ]))
    }

    /// The paths a manifest lists, or `nil` if the bytes are not a trustc manifest.
    public static func paths(in bytes: [UInt8]) -> [String]? {
        // The manifest is trustc's own output; a small scan avoids a JSON dependency and
        // rejects anything else.
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("\"kind\": \"OutputManifest\"") else { return nil }
        var paths: [String] = []
        for line in text.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("\"path\": \"") else { continue }
            var value = trimmed.dropFirst("\"path\": \"".count)
            guard value.hasSuffix("\",") || value.hasSuffix("\"") else { continue }
            value = value.hasSuffix(",") ? value.dropLast(2) : value.dropLast()
            paths.append(String(value))
        }
        return paths
    }
}
