@testable import TrustPolicyCompiler

/// A small set of diagnostics over two source files, rendered by every format's tests.
enum DiagnosticSamples {
    static let team = SourceFile(path: "teams/payments.yaml", bytes: Array("""
    apiVersion: trustc/v1
    kind: Team
    spec:
      signingIdentities: [prod-buld]
    \tnamespaces: [payments]
    """.utf8))

    static let organization = SourceFile(path: "organization.yaml", bytes: Array("""
    kind: Organization
    spec:
      tenantID: 100%-not-a-guid, really: no
    """.utf8))

    static let sources = [team, organization]

    static let unknownReference = Diagnostic(
        .unknownReference, "`spec.signingIdentities` names the SigningIdentity `prod-buld`, which does not exist. Did you mean `prod-build`?",
        at: SourceLocation(file: "teams/payments.yaml", line: 4, column: 23),
        fix: "use one of: prod-build",
        notes: [.init("`prod-build` is defined here", at: SourceLocation(file: "identities/prod-build.yaml", line: 4, column: 9)),
                .init("identities are listed in docs/format.md")])

    static let tab = Diagnostic(.yamlSyntax, "a tab character cannot be used for indentation",
                                at: SourceLocation(file: "teams/payments.yaml", line: 5, column: 2), fix: "indent with spaces")

    static let tenant = Diagnostic(.invalidGUID, "`spec.tenantID` must be a GUID, not `100%-not-a-guid, really: no`\nsecond line",
                                   at: SourceLocation(file: "organization.yaml", line: 3, column: 13))

    static let unused = Diagnostic(.unusedIdentity, "signing identity `qa` is trusted by no environment and used by no team",
                                   at: SourceLocation(file: "identities/qa.yaml", line: 4, column: 9))

    static let missingOrganization = Diagnostic(.missingOrganization, "the policy directory has no Organization resource",
                                                at: nil, fix: "add an `organization.yaml`")

    static let all = [unknownReference, tab, tenant, unused, missingOrganization]

    static func render(_ format: DiagnosticFormat, _ diagnostics: [Diagnostic] = all, directory: String = "policies") -> String {
        format.render(diagnostics, directory: directory, sources: sources)
    }
}
