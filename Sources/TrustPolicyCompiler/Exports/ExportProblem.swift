/// Something wrong with (or left out of) an export a real tool printed, located so the user can
/// find it (its file, the line and column when known, the value's path), and the rest of the
/// export still read: only broken syntax stops a file.
public struct ExportProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        /// Part of the export could not be read: what it would have said is unknown.
        case warning
        /// Read, but deliberately left out (another assignment's constraint, say).
        case note
    }

    public var severity: Severity
    public var position: ExportPosition
    public var message: String

    public init(_ message: String, at position: ExportPosition, severity: Severity = .warning) {
        self.message = message
        self.position = position
        self.severity = severity
    }

    public var description: String { "\(position): \(message)" }
}

/// The problems found while reading one export file, shared by the closures that walk it.
final class ExportProblemLog {
    let file: String
    fileprivate(set) var problems: [ExportProblem] = []

    init(file: String) {
        self.file = file
    }

    func add(_ path: String, _ message: String) {
        problems.append(ExportProblem(message, at: ExportPosition(file: file, path: path)))
    }

    /// Broken JSON: where the reader stopped.
    func add(_ failure: JSONReader.Failure) {
        problems.append(ExportProblem("not valid JSON: \(failure.message)",
                                      at: ExportPosition(file: file, line: failure.line, column: failure.column)))
    }
}

extension ExportProblemLog {
    /// The export's bytes without a UTF-8 byte-order mark; `nil`, with a problem, for UTF-16
    /// (what Windows PowerShell's `>` writes), which no JSON reader should guess at.
    func utf8(_ bytes: [UInt8]) -> [UInt8]? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            problems.append(ExportProblem("the file is UTF-16 (as PowerShell's `>` writes); save it as UTF-8, e.g. with `| Out-File -Encoding utf8`",
                                          at: ExportPosition(file: file)))
            return nil
        }
        return bytes.starts(with: TextPositions.byteOrderMark) ? Array(bytes.dropFirst(3)) : bytes
    }
}
