import Crypto

/// One file of the rendered output: a path relative to the output directory and its bytes.
public struct RenderedFile: Sendable, Hashable {
    public private(set) var path: String
    public private(set) var contents: [UInt8]
    /// Lowercase hex SHA-256 of the contents, for bundle manifests and the output manifest.
    /// Computed once, when the file is made: every file is listed in the output manifest, and
    /// base files in every cluster's bundle manifest too.
    public let sha256: String

    public init(path: String, contents: [UInt8]) {
        self.init(path: path, contents: contents, sha256: Self.hexDigest(of: contents))
    }

    private init(path: String, contents: [UInt8], sha256: String) {
        self.path = path
        self.contents = contents
        self.sha256 = sha256
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Array(text.utf8))
    }

    public init(path: String, json: JSONValue) {
        self.init(path: path, text: json.serialized())
    }

    public init(path: String, yaml documents: [JSONValue]) {
        self.init(path: path, contents: YAMLWriter.bytes(documents))
    }

    /// The same file under another directory.
    func moved(under directory: String) -> RenderedFile {
        RenderedFile(path: directory.isEmpty ? path : "\(directory)/\(path)", contents: contents, sha256: sha256)
    }

    /// The same contents under another path.
    func renamed(to path: String) -> RenderedFile {
        RenderedFile(path: path, contents: contents, sha256: sha256)
    }

    /// Lowercase hex SHA-256 of `bytes`.
    static func hexDigest(of bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        return String(unsafeUninitializedCapacity: SHA256.byteCount * 2) { buffer in
            let digits: StaticString = "0123456789abcdef"
            var index = 0
            digits.withUTF8Buffer { digits in
                for byte in digest {
                    buffer[index] = digits[Int(byte >> 4)]
                    buffer[index + 1] = digits[Int(byte & 0xF)]
                    index += 2
                }
            }
            return index
        }
    }
}
