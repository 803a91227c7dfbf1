import Foundation
import Testing
@testable import TrustPolicyCompiler

/// The output the documentation shows for `certs` and `drift` is what they print: every block
/// that starts with `$ trustc certs` or `$ trustc drift` in README.md and docs/commands/ is run
/// in the repository's root and compared with its standard output.
@Suite struct DocumentedOutputTests {
    static let documents = ["README.md", "docs/commands/certs.md", "docs/commands/drift.md"]

    struct Example: CustomStringConvertible, Sendable {
        var document: String
        var arguments: [String]
        var output: String
        var description: String { "\(document): trustc \(arguments.joined(separator: " "))" }
    }

    static let examples: [Example] = documents.flatMap { document -> [Example] in
        let text = (try? String(contentsOf: Golden.packageRoot.appendingPathComponent(document), encoding: .utf8)) ?? ""
        return text.components(separatedBy: "```\n$ trustc ").dropFirst().compactMap { block in
            guard let end = block.range(of: "```") else { return nil }
            let body = block[..<end.lowerBound]
            guard let newline = body.firstIndex(of: "\n") else { return nil }
            let arguments = body[..<newline].split(separator: " ").map(String.init)
            guard arguments.first == "certs" || arguments.first == "drift" else { return nil }
            return Example(document: document, arguments: arguments, output: String(body[body.index(after: newline)...]))
        }
    }

    @Test func everyDocumentShowsExamples() {
        for document in Self.documents {
            #expect(Self.examples.contains { $0.document == document }, "\(document) shows no `$ trustc certs|drift` output")
        }
    }

    @Test(arguments: examples)
    func documentedOutputIsCurrent(example: Example) throws {
        let run = try Trustc.run(example.arguments, in: Golden.packageRoot.path)
        #expect(run.stdout == example.output, "\(example): the document shows something else; run it and paste the output")
    }

    @Test func everyIgnoredServerFieldIsDocumented() throws {
        let text = try String(contentsOf: Golden.packageRoot.appendingPathComponent("docs/commands/drift.md"), encoding: .utf8)
        let fields = ServerFields.kubernetesMetadata + ServerFields.kubernetesAnnotations + ServerFields.kubernetesLabels
            + ServerFields.kubernetesTopLevel + ServerFields.assignmentTopLevel + ServerFields.assignmentProperties
            + ServerFields.assignmentMetadata + ServerFields.assignmentCaseInsensitive
        for field in fields {
            #expect(text.contains("`\(field)`"), "docs/commands/drift.md does not list `\(field)`")
        }
    }
}
