import ArgumentParser
import TrustPolicyCompiler

extension AuditFormat: ExpressibleByArgument {}

extension Trustc {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Audit who signed every image of a registry inventory against the policy.",
            discussion: """
            --signatures reads JSON Lines: one `notation inspect -o json` document per image with the image's \
            `reference` (<loginServer>/<repository>@sha256:<digest>) added; examples/inventory/signatures.sh \
            writes it. Findings: \(AuditFindingKind.allCases.map { "\($0.code) \($0.name)" }.joined(separator: ", ")). \
            Malformed lines are reported as FILE:LINE on standard error and skipped.
            Exit status: 0 no error (warnings only), 1 error findings, malformed lines or source errors, \
            2 the inventory or the policy directory cannot be read, 64 usage errors.
            """
        )

        @OptionGroup var policy: PolicyOptions

        @Option(help: ArgumentHelp("The inventory (JSON Lines), or - for standard input.", valueName: "FILE"),
                completion: .file())
        var signatures: String

        @Option(help: "Output format: text, json or sarif.")
        var format: AuditFormat = .text

        func run() throws {
            let name = signatures == "-" ? "<stdin>" : signatures
            let request = CompilerDriver.AuditRequest(directory: policy.directory, signatures: signatures == "-" ? nil : signatures,
                                                      options: policy.driver)
            switch try policy.run({ () throws(PolicyDirectory.OpenError) in try CompilerDriver.audit(request) }) {
            case .sourceHasErrors(let compilation):
                policy.reportErrors(of: compilation, reason: "not auditing: the source has errors")
                throw ExitCode.failure
            case .unreadableInventory(let reason):
                printError("trustc: cannot read \(name): \(reason)")
                throw ExitCode(2)
            case .audited(let report):
                for line in report.malformed {
                    printError("\(name):\(line.line):\(line.column): error: \(line.message)")
                }
                if report.malformedCount > report.malformed.count {
                    printError("\(name): \(report.malformedCount - report.malformed.count) more malformed lines")
                }
                print(format.render(report, inventory: name), terminator: "")
                if report.hasErrors { throw ExitCode.failure }
            }
        }
    }
}
