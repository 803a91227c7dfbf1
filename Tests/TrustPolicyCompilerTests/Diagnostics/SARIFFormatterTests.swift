import Foundation
import Testing
@testable import TrustPolicyCompiler

@Suite struct SARIFFormatterTests {
    static func run(_ diagnostics: [Diagnostic] = DiagnosticSamples.all) throws -> (log: [String: Any], run: [String: Any]) {
        let log = try #require(try JSONSerialization.jsonObject(with: Data(DiagnosticSamples.render(.sarif, diagnostics).utf8)) as? [String: Any])
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return (log, try #require(runs.first))
    }

    @Test func versionSchemaAndTool() throws {
        let (log, run) = try Self.run()
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "trustc")
        #expect(driver["version"] as? String == TrustcVersion.current)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
    }

    @Test func rulesContainEveryCode() throws {
        let (_, run) = try Self.run([])
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == DiagnosticCode.allCases.map(\.rawValue))
        for (rule, code) in zip(rules, DiagnosticCode.allCases) {
            #expect(rule["name"] as? String == code.name)
            #expect((rule["shortDescription"] as? [String: Any])?["text"] as? String == code.summary)
            #expect((rule["helpUri"] as? String)?.hasSuffix("docs/diagnostics.md#\(code.rawValue.lowercased())") == true)
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(level == code.defaultSeverity.rawValue)
        }
        #expect((run["results"] as? [Any])?.isEmpty == true)
    }

    @Test func resultsPointAtTheirRuleAndLocation() throws {
        let (_, run) = try Self.run()
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == DiagnosticSamples.all.count)
        for (result, diagnostic) in zip(results, DiagnosticSamples.all) {
            #expect(result["ruleId"] as? String == diagnostic.code.rawValue)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == diagnostic.code.rawValue)
            #expect(result["level"] as? String == diagnostic.severity.rawValue)
            let message = try #require((result["message"] as? [String: Any])?["text"] as? String)
            #expect(message.hasPrefix(diagnostic.message))
            if let fix = diagnostic.fix { #expect(message.hasSuffix(" Fix: \(fix)")) }
            let locations = try #require(result["locations"] as? [[String: Any]])
            #expect(locations.count == 1)
            let physical = try #require(locations[0]["physicalLocation"] as? [String: Any])
            let uri = (physical["artifactLocation"] as? [String: Any])?["uri"] as? String
            if let location = diagnostic.location {
                #expect(uri == "policies/" + location.file)
                let region = try #require(physical["region"] as? [String: Any])
                #expect(region["startLine"] as? Int == location.line)
                #expect(region["startColumn"] as? Int == location.column)
            } else {
                // The policy directory: code scanning drops a result without a URI.
                #expect(uri == "policies/")
                #expect(physical["region"] == nil)
            }
        }
    }

    /// Run from inside the policy directory (`trustc validate .`), a problem of the whole
    /// directory is located at `./`, never at an empty URI.
    @Test func aDirectoryWideProblemHasAURIFromInsideTheDirectory() throws {
        let output = DiagnosticFormat.sarif.render([Diagnostic(.missingOrganization, "no Organization", at: nil)],
                                                   directory: ".", sources: [])
        #expect(output.contains("\"uri\": \"./\""), "\(output)")
        #expect(!output.contains("\"uri\": \"\""))
    }

    @Test func notesAreRelatedLocations() throws {
        let (_, run) = try Self.run()
        let results = try #require(run["results"] as? [[String: Any]])
        let related = try #require(results[0]["relatedLocations"] as? [[String: Any]])
        #expect(related.count == 2)
        #expect(related[0]["id"] as? Int == 1)
        #expect((related[0]["message"] as? [String: Any])?["text"] as? String == "`prod-build` is defined here")
        let physical = try #require(related[0]["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "policies/identities/prod-build.yaml")
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 4)
        #expect((physical["region"] as? [String: Any])?["startColumn"] as? Int == 9)
        #expect(related[1]["id"] as? Int == 2)
        #expect(results[1]["relatedLocations"] == nil)
    }

    @Test func warningsAndNotesKeepTheirLevel() throws {
        let note = Diagnostic(.duplicateKey, severity: .note, "more", at: .file("a.yaml"))
        let (_, run) = try Self.run([DiagnosticSamples.unused, note])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["level"] as? String } == ["warning", "note"])
    }
}
