/// The result of compiling a policy directory: the decoded resources, the resolved model and
/// every diagnostic. Renderers and planners take a compilation without errors; nothing after
/// this point reads the source again.
public struct Compilation: Sendable {
    /// The directory compiled, `nil` for YAML compiled from memory.
    public var directory: PolicyDirectory?
    public var decoded: DecodedPolicy
    public var model: ResolvedPolicy
    /// Every diagnostic, in reporting order.
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var hasWarnings: Bool { diagnostics.contains { $0.severity == .warning } }
    /// The YAML files read, for diagnostics' source lines.
    public var files: [SourceFile] { decoded.files }
}
