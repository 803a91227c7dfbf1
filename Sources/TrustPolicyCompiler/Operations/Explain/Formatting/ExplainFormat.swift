/// The output formats of `trustc explain`: for people, with the source of every part, and the
/// JSON contract for tools.
public enum ExplainFormat: String, Sendable, CaseIterable {
    case text
    case json

    /// `directory` is the policy directory as the user named it, so locations are paths from
    /// where trustc ran; `signatureFile` names the signatures given, if any.
    public func render(_ explanation: Explanation, directory: String, signatureFile: String?) -> String {
        switch self {
        case .text: ExplainTextFormatter(paths: DiagnosticPaths(directory: directory), signatureFile: signatureFile).render(explanation)
        case .json: ExplainJSONFormatter.render(explanation)
        }
    }
}
