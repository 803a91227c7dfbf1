import ArgumentParser
import Foundation
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
            Exit status (like `terraform plan -detailed-exitcode`): 0 no change, 2 changes, 1 errors (in the source, \
            the usage or reading the base) or a risk named by --fail-on.
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

        @Option(name: .customLong("fail-on"), parsing: .upToNextOption,
                help: "Exit 1 when the plan has one of these risks (codes or names; `all` for every risk).")
        var failOn: [String] = []

        @Option(help: "The team of the pull request's author: changes to files it does not own are reported.")
        var authorTeam: String?

        @Option(help: "A newly trusted certificate with fewer days of validity is a risk.")
        var minimumValidityDays: Int = 90

        func validate() throws {
            guard (base == nil) != (baseDir == nil) else {
                throw ValidationError("give exactly one of --base REV and --base-dir DIR")
            }
            for risk in failOn where risk != "all" && RiskClass(argument: risk) == nil {
                throw ValidationError("unknown risk `\(risk)`; use one of \(RiskClass.allCases.map(\.rawValue).joined(separator: ", ")) or all")
            }
        }

        func run() throws {
            // The base (materialized with git for --base) is compiled on another thread while the
            // head compiles: the two are independent, and each alone leaves a core idle at times.
            // Errors are reported in the same order as before: the head's, then the base's.
            let directory = policy.directory, today = policy.today, revision = base, baseDir = baseDir
            let baseWork = Background { () -> BaseOutcome in
                var outcome = BaseOutcome()
                let baseDirectory: String
                if let revision {
                    do {
                        let materialized = try GitRevision.materialize(directory: directory, revision: revision)
                        outcome.temporaryRoot = materialized.temporaryRoot
                        baseDirectory = materialized.directory
                    } catch {
                        outcome.failure = "trustc: \(error)"
                        return outcome
                    }
                } else {
                    baseDirectory = baseDir!
                }
                do {
                    outcome.compilation = try PolicyCompiler.compile(directory: baseDirectory, options: .init(today: today))
                } catch {
                    outcome.failure = "trustc: base: \(error)"
                }
                return outcome
            }
            // `plan`'s status 2 means "changes", so an unreadable directory is an error (1) here,
            // never the status 2 other commands use for I/O errors.
            let head: Compilation
            do {
                head = try policy.compile()
            } catch let status as ExitCode where status.rawValue == 2 {
                baseWork.wait().removeTemporaryRoot()
                throw ExitCode.failure
            } catch {
                baseWork.wait().removeTemporaryRoot()
                throw error
            }
            let outcome = baseWork.wait()
            defer { outcome.removeTemporaryRoot() }
            guard let baseCompilation = outcome.compilation.map(KeptUntilExit.keep) else {
                printError(outcome.failure ?? "trustc: base: not compiled")
                throw ExitCode.failure
            }
            if head.hasErrors {
                let errors = head.diagnostics.filter { $0.severity == .error }
                print(DiagnosticFormat.text.render(errors, directory: policy.directory, sources: head.source.files), terminator: "")
                printError("trustc: no plan: the change has errors")
                throw ExitCode.failure
            }
            if baseCompilation.hasErrors {
                printError("trustc: warning: the base has errors; the plan compares with what of it could be resolved")
            }
            if let authorTeam, head.source.teams[authorTeam] == nil, baseCompilation.source.teams[authorTeam] == nil {
                let known = head.source.teams.keys.sorted()
                printError("trustc: unknown --author-team `\(authorTeam)`; the teams are \(known.joined(separator: ", "))")
                throw ExitCode.failure
            }
            let plan = Planner(options: .init(today: policy.today, authorTeam: authorTeam,
                                              minimumValidityDays: minimumValidityDays))
                .plan(base: baseCompilation, head: head)
            print(format.render(plan), terminator: "")
            let failing = Set(failOn.contains("all") ? RiskClass.allCases : failOn.compactMap { RiskClass(argument: $0) })
            if plan.risks.contains(where: { failing.contains($0.risk) }) {
                throw ExitCode.failure
            }
            if plan.hasChanges { throw ExitCode(2) }
        }
    }
}

/// What became of the base of a plan: its compilation, or the message to report, and the
/// temporary directory git materialized it into.
private struct BaseOutcome: Sendable {
    var compilation: Compilation?
    var failure: String?
    var temporaryRoot: String?

    func removeTemporaryRoot() {
        if let temporaryRoot { try? FileManager.default.removeItem(atPath: temporaryRoot) }
    }
}

/// A value computed on another thread; `wait()` blocks until it is ready.
private final class Background<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.value = work()
            self.done.signal()
        }
    }

    func wait() -> Value {
        done.wait()
        done.signal()
        return value!
    }
}
