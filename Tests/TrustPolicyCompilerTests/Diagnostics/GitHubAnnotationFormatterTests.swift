import Testing
@testable import TrustPolicyCompiler

@Suite struct GitHubAnnotationFormatterTests {
    @Test func oneWorkflowCommandPerDiagnostic() {
        let lines = DiagnosticSamples.render(.github).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == DiagnosticSamples.all.count + 1)
        #expect(lines.last == "")
        let first: String = "::error file=policies/teams/payments.yaml,line=4,col=23,title=TP201 unknownReference::"
            + "`spec.signingIdentities` names the SigningIdentity `prod-buld`, which does not exist. Did you mean `prod-build`?"
            + "%0Afix: use one of: prod-build"
            + "%0Anote: `prod-build` is defined here (policies/identities/prod-build.yaml:4:9)"
            + "%0Anote: identities are listed in docs/format.md"
        let warning: String = "::warning file=policies/identities/qa.yaml,line=4,col=9,title=TP212 unusedIdentity::"
            + "signing identity `qa` is trusted by no environment and used by no team"
        let unlocated: String = "::error title=TP202 missingOrganization::the policy directory has no Organization resource"
            + "%0Afix: add an `organization.yaml`"
        #expect(lines[0] == first)
        #expect(lines[3] == warning)
        #expect(lines[4] == unlocated)
    }

    @Test func dataEscapesPercentAndNewlinesButNotColonsOrCommas() {
        let lines = DiagnosticSamples.render(.github, [DiagnosticSamples.tenant]).split(separator: "\n")
        let expected: String = "::error file=policies/organization.yaml,line=3,col=13,title=TP503 invalidGUID::"
            + "`spec.tenantID` must be a GUID, not `100%25-not-a-guid, really: no`%0Asecond line"
        #expect(lines == [Substring(expected)])
    }

    @Test func propertiesEscapeColonsCommasPercentAndNewlines() {
        let diagnostic = Diagnostic(.unknownField, "x\r\ny", at: SourceLocation(file: "a,b:c%d\ne.yaml", line: 1, column: 2),
                                    notes: [.init("see", at: SourceLocation(file: "n,o:te.yaml", line: 3, column: 4))])
        let output = DiagnosticSamples.render(.github, [diagnostic], directory: "po:li,cies")
        let expected: String = "::error file=po%3Ali%2Ccies/a%2Cb%3Ac%25d%0Ae.yaml,line=1,col=2,title=TP103 unknownField::"
            + "x%0D%0Ay%0Anote: see (po:li,cies/n,o:te.yaml:3:4)\n"
        #expect(output == expected)
    }

    @Test func notesBecomeNotices() {
        let note = Diagnostic(.duplicateKey, severity: .note, "more", at: .file("a.yaml"))
        #expect(DiagnosticSamples.render(.github, [note], directory: ".") == "::notice file=a.yaml,line=1,col=1,title=TP004 duplicateKey::more\n")
    }

    @Test func cleanRunPrintsNothing() {
        #expect(DiagnosticSamples.render(.github, []) == "")
    }
}
