import ArgumentParser
import TrustPolicyCompiler

extension DriftFormat: ExpressibleByArgument {}

extension Trustc {
    struct Drift: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare what a cluster runs with what the source renders for it.",
            discussion: """
            --live is the output of `kubectl get <Ratify kinds> -A -o yaml` (or json) and, optionally, of \
            `az policy assignment list --scope <cluster id> -o json`: one file, or a folder of .yaml, .yml and \
            .json files. The cluster's bundle is rendered in memory; objects are compared by meaning, without \
            the fields the server sets (docs/commands/drift.md lists them), and reported missing, extra or changed.
            Exit status: 0 no drift, 1 drift or a part of the export that could not be read (the rest is still \
            compared), 2 nothing could be compared (no export readable, unknown cluster, source errors), 64 usage errors.
            """
        )

        @OptionGroup var policy: PolicyOptions

        @Option(help: ArgumentHelp("The live export: a file or a folder of files.", valueName: "FILE|DIR"),
                completion: .file())
        var live: String

        @Option(help: "The cluster the export was taken from.")
        var cluster: String

        @Option(help: "Output format: text or json.")
        var format: DriftFormat = .text

        func run() throws {
            let request = CompilerDriver.DriftRequest(directory: policy.directory, live: live, cluster: cluster,
                                                      options: policy.driver)
            switch try policy.run({ () throws(PolicyDirectory.OpenError) in try CompilerDriver.drift(request) }) {
            case .sourceHasErrors(let compilation):
                policy.reportErrors(of: compilation, reason: "no comparison: the source has errors")
                throw ExitCode(2)
            case .unknownCluster(let name, let suggestion):
                printError("trustc: unknown cluster `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""))
                throw ExitCode(2)
            case .nothingReadable(let problems):
                problems.forEach { printError("trustc: \($0)") }
                printError("trustc: nothing to compare: \(live) holds no readable kubectl or az export")
                throw ExitCode(2)
            case .compared(let report):
                print(format.render(report), terminator: "")
                if report.hasDrift || !report.problems.isEmpty { throw ExitCode.failure }
            }
        }
    }
}
