import Testing
@testable import TrustPolicyCompiler

@Suite struct TextDiagnosticFormatterTests {
    @Test func rendersLocationSourceLineCaretFixNotesAndSummary() {
        let output = DiagnosticSamples.render(.text, [DiagnosticSamples.unknownReference, DiagnosticSamples.unused,
                                                      DiagnosticSamples.missingOrganization])
        #expect(output == """
        policies/teams/payments.yaml:4:23: error[TP201]: `spec.signingIdentities` names the SigningIdentity `prod-buld`, which does not exist. Did you mean `prod-build`?
         4 |   signingIdentities: [prod-buld]
           |                       ^
          = fix: use one of: prod-build
          = note: `prod-build` is defined here (policies/identities/prod-build.yaml:4:9)
          = note: identities are listed in docs/format.md
        policies/identities/qa.yaml:4:9: warning[TP212]: signing identity `qa` is trusted by no environment and used by no team
        policies: error[TP202]: the policy directory has no Organization resource
          = fix: add an `organization.yaml`

        2 errors, 1 warning

        """)
    }

    @Test func caretLinesUpUnderATab() {
        let output = DiagnosticSamples.render(.text, [DiagnosticSamples.tab])
        #expect(output.contains("""
         5 |     namespaces: [payments]
           |     ^

        """))
    }

    @Test func caretCountsCharactersNotBytes() {
        let source = SourceFile(path: "a.yaml", bytes: Array("name: \"café\", x: 1\n".utf8))
        let diagnostic = Diagnostic(.unknownField, "x", at: SourceLocation(file: "a.yaml", line: 1, column: 15))
        let output = DiagnosticFormat.text.render([diagnostic], directory: ".", sources: [source])
        #expect(output.hasPrefix("""
        a.yaml:1:15: error[TP103]: x
         1 | name: "café", x: 1
           |               ^

        """))
    }

    @Test func longLinesAreClipped() {
        let source = SourceFile(path: "a.yaml", bytes: Array(("k: " + String(repeating: "v", count: 300) + "\n").utf8))
        let diagnostic = Diagnostic(.scalarTooLong, "long", at: SourceLocation(file: "a.yaml", line: 1, column: 250))
        let lines = DiagnosticFormat.text.render([diagnostic], directory: "", sources: [source]).split(separator: "\n")
        #expect(lines[1] == " 1 | k: " + String(repeating: "v", count: 197) + "…")
        #expect(lines[2] == "   | " + String(repeating: " ", count: 200) + "^")
    }

    @Test func lineNumbersWiderThanOneDigitKeepTheGutterAligned() {
        let text = (1...12).map { "k\($0): v" }.joined(separator: "\n")
        let source = SourceFile(path: "a.yaml", bytes: Array(text.utf8))
        let diagnostic = Diagnostic(.duplicateKey, "dup", at: SourceLocation(file: "a.yaml", line: 12, column: 1))
        let output = DiagnosticFormat.text.render([diagnostic], directory: "", sources: [source])
        #expect(output.contains(" 12 | k12: v\n    | ^\n"))
    }

    @Test func noSnippetWithoutTheSourceOrTheLine() {
        let elsewhere = Diagnostic(.unknownField, "x", at: SourceLocation(file: "other.yaml", line: 1, column: 1))
        let pastTheEnd = Diagnostic(.unknownField, "y", at: SourceLocation(file: "organization.yaml", line: 40, column: 1))
        let wholeFile = Diagnostic(.emptyFile, "z", at: SourceLocation(file: "organization.yaml", line: 0, column: 0))
        let output = DiagnosticSamples.render(.text, [elsewhere, pastTheEnd, wholeFile], directory: "./policies/")
        #expect(output == """
        policies/other.yaml:1:1: error[TP103]: x
        policies/organization.yaml:40:1: error[TP103]: y
        policies/organization.yaml:0:0: error[TP015]: z

        3 errors, 0 warnings

        """)
    }

    @Test func cleanRunIsJustTheSummary() {
        #expect(DiagnosticSamples.render(.text, []) == "0 errors, 0 warnings\n")
    }

    @Test func summaryCountsSingularAndPlural() {
        let output = DiagnosticSamples.render(.text, [DiagnosticSamples.tab, DiagnosticSamples.unused, DiagnosticSamples.unused])
        #expect(output.hasSuffix("\n1 error, 2 warnings\n"))
    }

    @Test func colourOnlyWhenAsked() {
        let plain = DiagnosticSamples.render(.text)
        #expect(!plain.contains("\u{1B}["))
        let coloured = DiagnosticFormat.text.render(DiagnosticSamples.all, directory: "policies", sources: DiagnosticSamples.sources,
                                                    color: true)
        #expect(coloured.contains("\u{1B}[1;31merror[TP201]\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[1;33mwarning[TP212]\u{1B}[0m"))
    }

    @Test func pathsAreRelativeToWhereTrustcRan() {
        let paths = ["policies": "policies/a.yaml", "./policies/": "policies/a.yaml", ".": "a.yaml", "./": "a.yaml",
                     "": "a.yaml", "/abs/dir/": "/abs/dir/a.yaml"]
        for (directory, expected) in paths.sorted(by: { $0.key < $1.key }) {
            #expect(DiagnosticPaths(directory: directory).path("a.yaml") == expected, "directory \(directory)")
        }
        #expect(DiagnosticPaths(directory: "policies").describe(nil) == "policies")
        #expect(DiagnosticPaths(directory: ".").describe(nil) == ".")
    }
}
