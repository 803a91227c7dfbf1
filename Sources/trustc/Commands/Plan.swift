import ArgumentParser
import TrustPolicyCompiler

extension PlanFormat: ExpressibleByArgument {}

extension Trustc {
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what a change to the policy repository does to every cluster, like `terraform plan`.",
            discussion: """
            Compiles the base (a Git revision with --base, or another checkout with --base-dir) and the \
            directory, and prints per environment the identities, repositories, certificates, namespace \
            stages and assignments that change, grouped across clusters, with risks.
            Exit status (like `terraform plan -detailed-exitcode`): 0 no change, 2 changes, 1 errors (in the source \
            or reading either side) or a risk named by --fail-on, 64 usage errors.
            Risk codes: \(RiskClass.allCases.map { "\($0.rawValue) \($0.name)" }.joined(separator: ", ")).
            """
        )

        @OptionGroup var policy: PolicyOptions

        @Option(help: "The base Git revision (e.g. origin/main).")
        var base: String?

        @Option(help: "A checkout of the base policy directory, instead of --base.", completion: .directory)
        var baseDir: String?

        @Option(help: "Output format: text, markdown (for a PR comment) or json.")
        var format: PlanFormat = .text

        @Option(name: .customLong("fail-on"),
                help: "Exit 1 when the plan has one of these risks: codes or names, comma-separated or repeated; `all` for every risk.",
                transform: { text in
                    try text.split(separator: ",").map { part in
                        let name = part.trimmingCharacters(in: .whitespaces)
                        guard name == "all" || RiskClass(argument: name) != nil else {
                            throw ValidationError("unknown risk `\(name)`; use one of \(RiskClass.allCases.map(\.rawValue).joined(separator: ", ")) or all")
                        }
                        return name
                    }
                })
        var failOn: [[String]] = []

        @Option(help: "The team of the pull request's author: changes to files it does not own are reported.")
        var authorTeam: String?

        @Option(help: "A newly trusted certificate with fewer days of validity is a risk.")
        var minimumValidityDays: Int = 90

        func validate() throws {
            guard (base == nil) != (baseDir == nil) else {
                throw ValidationError("give exactly one of --base REV and --base-dir DIR")
            }
        }

        func run() throws {
            let options = policy.driver
            let request = CompilerDriver.PlanRequest(
                directory: policy.directory, base: base.map { .revision($0) } ?? .directory(baseDir!), options: options,
                planner: .init(today: options.today, authorTeam: authorTeam, minimumValidityDays: minimumValidityDays))
            switch CompilerDriver.plan(request) {
            case .failed(let message):
                printError("trustc: \(message)")
                throw ExitCode.failure
            case .changeHasErrors(let compilation):
                policy.reportErrors(of: compilation, reason: "no plan: the change has errors")
                throw ExitCode.failure
            case .planned(let plan, let baseHasErrors):
                if baseHasErrors {
                    printError("trustc: warning: the base has errors; the plan compares with what of it could be resolved")
                }
                print(format.render(plan), terminator: "")
                let names = failOn.joined()
                let failing = Set(names.contains("all") ? RiskClass.allCases : names.compactMap { RiskClass(argument: $0) })
                if plan.risks.contains(where: { failing.contains($0.risk) }) { throw ExitCode.failure }
                if plan.hasChanges { throw ExitCode(2) }
            }
        }
    }
}
