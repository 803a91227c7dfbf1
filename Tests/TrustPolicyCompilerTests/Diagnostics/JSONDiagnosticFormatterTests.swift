import Foundation
import Testing
@testable import TrustPolicyCompiler

@Suite struct JSONDiagnosticFormatterTests {
    static func parse(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func everyFieldOfEveryDiagnostic() throws {
        let json = try Self.parse(DiagnosticSamples.render(.json))
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == DiagnosticSamples.all.count)

        let first = diagnostics[0]
        #expect(first["code"] as? String == "TP201")
        #expect(first["name"] as? String == "unknownReference")
        #expect(first["severity"] as? String == "error")
        #expect(first["message"] as? String == DiagnosticSamples.unknownReference.message)
        #expect(first["fix"] as? String == "use one of: prod-build")
        let location = try #require(first["location"] as? [String: Any])
        #expect(location["file"] as? String == "policies/teams/payments.yaml")
        #expect(location["line"] as? Int == 4)
        #expect(location["column"] as? Int == 23)
        let notes = try #require(first["notes"] as? [[String: Any]])
        #expect(notes.count == 2)
        #expect(notes[0]["message"] as? String == "`prod-build` is defined here")
        let noteLocation = try #require(notes[0]["location"] as? [String: Any])
        #expect(noteLocation["file"] as? String == "policies/identities/prod-build.yaml")
        #expect(noteLocation["line"] as? Int == 4)
        #expect(noteLocation["column"] as? Int == 9)
        #expect(notes[1]["location"] == nil)

        // A message with a newline, quotes and % survives the round trip.
        #expect(diagnostics[2]["message"] as? String == DiagnosticSamples.tenant.message)
        #expect(diagnostics[2]["fix"] == nil)
        #expect(diagnostics[3]["severity"] as? String == "warning")
        #expect(diagnostics[4]["location"] == nil)
        #expect((diagnostics[4]["notes"] as? [Any])?.isEmpty == true)

        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 4)
        #expect(summary["warnings"] as? Int == 1)
    }

    @Test func cleanRun() throws {
        let json = try Self.parse(DiagnosticSamples.render(.json, []))
        #expect((json["diagnostics"] as? [Any])?.isEmpty == true)
        #expect((json["summary"] as? [String: Int]) == ["errors": 0, "warnings": 0])
    }

    @Test func controlCharactersAreEscaped() throws {
        let diagnostic = Diagnostic(.yamlSyntax, "tab\there \u{1} \"quoted\" back\\slash é", at: nil)
        let text = DiagnosticSamples.render(.json, [diagnostic])
        #expect(text.contains(#""tab\there \u0001 \"quoted\" back\\slash é""#))
        let json = try Self.parse(text)
        #expect(((json["diagnostics"] as? [[String: Any]])?.first?["message"] as? String) == diagnostic.message)
    }

    @Test func outputIsStable() {
        #expect(DiagnosticSamples.render(.json) == DiagnosticSamples.render(.json))
        #expect(DiagnosticSamples.render(.json).hasSuffix("}\n"))
    }
}
