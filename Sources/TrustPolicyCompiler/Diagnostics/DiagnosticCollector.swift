/// Collects every diagnostic of a run instead of stopping at the first, the way a compiler
/// reports all errors at once.
///
/// Each stage gets its own collector (files are loaded in parallel); `merge` combines them.
public struct DiagnosticCollector: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public mutating func emit(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func emit(
        _ code: DiagnosticCode,
        _ message: String,
        at location: SourceLocation?,
        fix: String? = nil,
        notes: [Diagnostic.Note] = []
    ) {
        diagnostics.append(Diagnostic(code, message, at: location, fix: fix, notes: notes))
    }

    public mutating func merge(_ other: DiagnosticCollector) {
        diagnostics.append(contentsOf: other.diagnostics)
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The diagnostics in reporting order, without exact repeats.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }.sorted(by: Diagnostic.reportingOrder)
    }
}
