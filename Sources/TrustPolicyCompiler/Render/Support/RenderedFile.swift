import Crypto

/// One file of the rendered output: a path relative to the output directory and its bytes.
public struct RenderedFile: Sendable, Hashable {
    public private(set) var path: String
    /// The bytes, in parts written one after the other: the spec of a namespaced verifier is one
    /// array shared by every namespace limited to the same teams, not a copy in each file.
    let parts: [[UInt8]]
    /// Lowercase hex SHA-256 of the contents, for bundle manifests and the output manifest.
    /// Computed once, when the file is made: every file is listed in the output manifest, and
    /// base files in every cluster's bundle manifest too.
    public let sha256: String

    /// The file's bytes.
    public var contents: [UInt8] { parts.count == 1 ? parts[0] : Array(parts.joined()) }

    public init(path: String, contents: [UInt8]) {
        self.init(path: path, parts: [contents])
    }

    /// A file whose bytes are `parts`, one after the other.
    init(path: String, parts: [[UInt8]]) {
        self.init(path: path, parts: parts, sha256: Self.hexDigest(of: parts))
    }

    private init(path: String, parts: [[UInt8]], sha256: String) {
        self.path = path
        self.parts = parts
        self.sha256 = sha256
    }

    /// Files are the same when their paths and contents are, however the contents are split.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.path == rhs.path && lhs.sha256 == rhs.sha256 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(sha256)
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
        RenderedFile(path: directory.isEmpty ? path : "\(directory)/\(path)", parts: parts, sha256: sha256)
    }

    /// The same contents under another path.
    func renamed(to path: String) -> RenderedFile {
        RenderedFile(path: path, parts: parts, sha256: sha256)
    }

    /// Lowercase hex SHA-256 of `parts`, one after the other.
    static func hexDigest(of parts: [[UInt8]]) -> String {
        var hash = SHA256()
        for part in parts { hash.update(data: part) }
        let digest = hash.finalize()
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
