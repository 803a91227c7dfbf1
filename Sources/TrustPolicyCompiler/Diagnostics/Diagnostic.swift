/// How serious a diagnostic is. Errors fail `validate` and block `render`; warnings fail only
/// under `--strict`; notes add context to another diagnostic.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem found in the policy source, with everything a reviewer needs to fix it: where it
/// is, a stable code to search for, what is wrong and, where possible, what to write instead.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// A secondary location that explains the primary one ("first defined here").
    public struct Note: Sendable, Hashable, Codable {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// How to fix the problem, phrased as an instruction.
    public var fix: String?
    public var notes: [Note]

    public init(
        _ code: DiagnosticCode,
        severity: Severity? = nil,
        _ message: String,
        at location: SourceLocation?,
        fix: String? = nil,
        notes: [Note] = []
    ) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.message = message
        self.location = location
        self.fix = fix
        self.notes = notes
    }

    /// The order diagnostics are reported in: by file, line and column, then code, so the output
    /// does not depend on the order in which files were read or rules ran.
    public static func reportingOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        let l = lhs.location ?? SourceLocation(file: "", line: 0, column: 0)
        let r = rhs.location ?? SourceLocation(file: "", line: 0, column: 0)
        if l != r { return l < r }
        if lhs.code != rhs.code { return lhs.code.rawValue < rhs.code.rawValue }
        return lhs.message < rhs.message
    }
}
