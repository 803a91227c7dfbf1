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
        var current = 1
        // A byte-order mark is not shown: the caret under line 1 would be off by one.
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if current == number {
                return String(decoding: bytes[start..<offset], as: UTF8.self)
            }
            current += 1
            start = offset + 1
        }
        return current == number && start <= bytes.count ? String(decoding: bytes[start...], as: UTF8.self) : nil
    }
}
