/// Something wrong with (or left out of) an export a real tool printed, located so the user can
/// find it: by line and column for broken JSON, by JSON path for a value of the wrong shape, or
/// the whole file. Reading goes on past every problem except broken syntax.
public struct ExportProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Equatable {
        /// Part of the export could not be read: what it would have said is unknown.
        case warning
        /// Read, but deliberately left out (another assignment's constraint, say).
        case note
    }

    public enum Position: Sendable, Equatable {
        case file
        /// 1-based line and byte column.
        case line(Int, column: Int)
        /// `$.items[2].status.violations[0]`.
        case path(String)
    }

    public var severity: Severity
    public var file: String
    public var position: Position
    public var message: String

    public init(_ severity: Severity = .warning, file: String, at position: Position, _ message: String) {
        self.severity = severity
        self.file = file
        self.position = position
        self.message = message
    }

    public var description: String {
        switch position {
        case .file: "\(file): \(message)"
        case .line(let line, let column): "\(file):\(line):\(column): \(message)"
        case .path(let path): "\(file): \(path): \(message)"
        }
    }
}

/// The problems found while reading one export file, shared by the closures that walk it.
final class ExportProblemLog {
    let file: String
    fileprivate(set) var problems: [ExportProblem] = []

    init(file: String) {
        self.file = file
    }

    func add(_ path: String, _ message: String) {
        problems.append(ExportProblem(file: file, at: .path(path), message))
    }

    /// Broken JSON: where the reader stopped.
    func add(_ failure: JSONReader.Failure) {
        problems.append(ExportProblem(file: file, at: .line(failure.line, column: failure.column),
                                      "not valid JSON: \(failure.message)"))
    }
}

extension ExportProblemLog {
    /// The export's bytes without a UTF-8 byte-order mark; `nil`, with a problem, for UTF-16
    /// (what Windows PowerShell's `>` writes), which no JSON reader should guess at.
    func utf8(_ bytes: [UInt8]) -> [UInt8]? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            problems.append(ExportProblem(file: file, at: .file,
                                          "the file is UTF-16 (as PowerShell's `>` writes); save it as UTF-8, e.g. with `| Out-File -Encoding utf8`"))
            return nil
        }
        return bytes.starts(with: TextPositions.byteOrderMark) ? Array(bytes.dropFirst(3)) : bytes
    }
}
