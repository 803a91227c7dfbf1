import ArgumentParser
import TrustPolicyCompiler

extension RolloutFormat: ExpressibleByArgument {}

extension Trustc {
    struct Rollout: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say which warn-stage namespaces may move to deny, from Gatekeeper and Azure Policy exports.",
            discussion: """
            For every warn-stage namespace of every cluster (or of --cluster / --environment): ready \
            (in warn for the environment's minimumWarnDays, no violation), blocked (violations: their \
            images and owning teams), waiting (no violation, days remaining) or no-data (no export covers \
            it). Violations in deny, off or unlisted namespaces are listed as denied / not-enforced.
            --violations takes `kubectl get <constraint kind> -o json` exports, one per cluster, named \
            <cluster>.json (or a directory of them); --compliance takes `az policy state list \
            --expand components -o json`. --print-edit prints the change that moves the ready namespaces \
            to deny as a diff of the cluster files; --write makes it.
            Exit status: 0 (whatever the verdicts), 1 source errors, 2 an export cannot be read, 64 usage errors.
            """
        )

        @OptionGroup var policy: PolicyOptions

        @Option(name: .customLong("violations"), help: ArgumentHelp(
            "A Gatekeeper constraint export named <cluster>.json, or a directory of them (repeatable).", valueName: "path"),
                completion: .file(extensions: ["json"]))
        var violations: [String] = []

        @Option(name: .customLong("compliance"), help: ArgumentHelp(
            "The JSON of `az policy state list --expand components` (repeatable).", valueName: "file"),
                completion: .file(extensions: ["json"]))
        var compliance: [String] = []

        @Option(name: .customLong("cluster"), help: "Only this cluster (repeatable); with one --violations file, the cluster it is for.")
        var clusters: [String] = []

        @Option(name: .customLong("environment"), help: "Only this environment's clusters (repeatable).")
        var environments: [String] = []

        @Option(help: "Output format: text, markdown (for a PR comment) or json.")
        var format: RolloutFormat = .text

        @Flag(help: "Print the change that moves the ready namespaces to deny, as a diff of the cluster files.")
        var printEdit = false

        @Flag(help: "Make that change in the cluster files (each replaced atomically) and print it.")
        var write = false

        func validate() throws {
            guard !violations.isEmpty || !compliance.isEmpty else {
                throw ValidationError("give the exports to read: --violations PATH and/or --compliance FILE")
            }
            if (printEdit || write) && format != .text {
                throw ValidationError("--print-edit and --write print a diff; --format does not apply to them")
            }
        }

        func run() throws {
            let request = CompilerDriver.RolloutRequest(
                directory: policy.directory, violations: violations, compliance: compliance, clusters: Set(clusters),
                environments: Set(environments), edit: write ? .write : printEdit ? .print : .none, options: policy.driver)
            switch try policy.run({ () throws(PolicyDirectory.OpenError) in try CompilerDriver.rollout(request) }) {
            case .sourceHasErrors(let compilation):
                policy.reportErrors(of: compilation, reason: "no rollout report: the source has errors")
                throw ExitCode.failure
            case .unknownSelection(let kind, let name):
                printError("trustc: unknown \(kind) `\(name)`")
                throw ExitCode(2)
            case .unreadableInput(let messages):
                messages.forEach { printError("trustc: cannot read \($0)") }
                throw ExitCode(2)
            case .assessed(let report, let problems):
                show(problems)
                print(format.render(report), terminator: "")
            case .edited(let edit, let written, _, let problems):
                show(problems)
                edit.refused.forEach { printError("trustc: warning: not moved: \($0)") }
                print(edit.files.map(\.diff).joined(), terminator: "")
                if edit.files.isEmpty {
                    printError("trustc: no namespace is ready for deny: nothing to change")
                } else if written {
                    printError("trustc: moved \(edit.namespaceCount) namespace\(edit.namespaceCount == 1 ? "" : "s") to deny in \(edit.files.count) file\(edit.files.count == 1 ? "" : "s")")
                }
            case .editHasErrors(let compilation):
                policy.reportErrors(of: compilation, reason: "the edit would not validate: nothing written")
                throw ExitCode.failure
            case .writeFailed(let message):
                printError("trustc: \(message)")
                throw ExitCode(2)
            }
        }

        /// What the exports left out or could not say, on standard error.
        private func show(_ problems: [ExportProblem]) {
            problems.forEach { printError("trustc: \($0.severity.rawValue): \($0)") }
        }
    }
}
