/// Where something of a live export is: its file, the line and column when known (YAML, or a
/// JSON syntax error) and its path in the document (`items[3]`).
public struct ExportPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// The value's path in its document; empty for the whole document.
    public var path: String

    public init(file: String, line: Int? = nil, column: Int? = nil, path: String = "") {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
    }

    init(_ location: SourceLocation, path: String = "") {
        self.init(file: location.file, line: location.line, column: location.column, path: path)
    }

    /// `file:line:column: path`, leaving out what is not known, as compilers locate things.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return path.isEmpty ? text : "\(text): \(path)"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.file, lhs.line ?? 0, lhs.column ?? 0, lhs.path) < (rhs.file, rhs.line ?? 0, rhs.column ?? 0, rhs.path)
    }
}
