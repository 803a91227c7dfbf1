/// One validation rule: a semantic check over the decoded source and the resolved model.
///
/// Rules only report; they never change the model and never render. Each rule lives in its own
/// file under `Rules/` with the codes it reports, and has its own test with a bad input.
public protocol ValidationRule: Sendable {
    /// The codes this rule may report (for the reference documentation and tests).
    static var codes: [DiagnosticCode] { get }
    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector)
}

/// Everything a rule may look at.
public struct ValidationContext: Sendable {
    public var decoded: DecodedPolicy
    public var model: ResolvedPolicy
    public var certificates: CertificateFiles
    /// "Today" for expiry and future-date checks (`--now`).
    public var today: CivilDate
}
