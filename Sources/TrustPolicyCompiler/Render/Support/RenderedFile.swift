import Crypto

/// One file of the rendered output: a path relative to the output directory and its bytes.
public struct RenderedFile: Sendable, Hashable {
    public var path: String
    public var contents: [UInt8]

    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Array(text.utf8))
    }

    public init(path: String, json: JSONValue) {
        self.init(path: path, text: json.serialized())
    }

    public init(path: String, yaml documents: [JSONValue]) {
        self.init(path: path, text: YAMLWriter.documents(documents))
    }

    /// Lowercase hex SHA-256 of the contents, for bundle manifests.
    public var sha256: String {
        SHA256.hash(data: contents).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }.joined()
    }

    /// The same file under another directory.
    func moved(under directory: String) -> RenderedFile {
        RenderedFile(path: directory.isEmpty ? path : "\(directory)/\(path)", contents: contents)
    }
}
