/// A file read from the policy directory: its path relative to the directory and its bytes.
public struct SourceFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// The text of a 1-based line, for showing it under a diagnostic.
    public func line(_ number: Int) -> String? {
        let starts = TextPositions.lineStarts(of: bytes)
        guard number >= 1, number <= starts.count else { return nil }
        let end = number < starts.count ? starts[number] - 1 : bytes.count
        return String(decoding: bytes[starts[number - 1]..<end], as: UTF8.self)
    }
}
