import ArgumentParser
import TrustPolicyCompiler

extension Trustc {
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render every cluster's bundle: Notation trust policy, Ratify manifests, Azure Policy assignments.",
            discussion: """
            Refuses to run when the source has errors. The output directory is replaced atomically; \
            files trustc did not write are kept unless --prune is given.
            Exit status: 0 rendered (or --check found no difference), 1 source errors or --check \
            differences, 2 I/O errors, 64 usage errors.
            """
        )

        @OptionGroup var policy: PolicyOptions

        @Option(name: .shortAndLong, help: "The output directory.", completion: .directory)
        var out: String = "out"

        @Option(name: .customLong("cluster"), help: "Render only this cluster (repeatable).")
        var clusters: [String] = []

        @Option(name: .customLong("environment"), help: "Render only this environment's clusters (repeatable).")
        var environments: [String] = []

        @Flag(help: "Copy environment-wide content into each cluster's bundle (for a stand-alone bundle).")
        var selfContained = false

        @Option(help: "The policy repository's revision, recorded in bundle manifests.")
        var sourceRevision: String?

        @Flag(help: "Compare with the output directory instead of writing; exit 1 if they differ.")
        var check = false

        @Flag(help: "Remove files in the output directory that trustc did not write.")
        var prune = false

        func run() throws {
            let request = CompilerDriver.RenderRequest(
                directory: policy.directory, output: out,
                renderer: .init(selection: .init(clusters: Set(clusters), environments: Set(environments)),
                                selfContained: selfContained, sourceRevision: sourceRevision),
                check: check, prune: prune, options: policy.driver)
            switch try policy.run({ () throws(PolicyDirectory.OpenError) in try CompilerDriver.render(request) }) {
            case .sourceHasErrors(let compilation):
                policy.reportErrors(of: compilation, reason: "not rendering: the source has errors")
                throw ExitCode.failure
            case .unknownSelection(let kind, let name):
                printError("trustc: unknown \(kind) `\(name)`")
                throw ExitCode(2)
            case .checked(let files, let differences) where differences.isEmpty:
                print("\(out) is up to date (\(files) files).")
            case .checked(_, let differences):
                print("\(out) is not what the source renders (\(differences.count) difference\(differences.count == 1 ? "" : "s")):")
                differences.forEach { print("  \($0)") }
                print("Run `trustc render \(policy.directory) --out \(out)` and commit the result.")
                throw ExitCode.failure
            case .written(let files, let clusters, let kept, let removed, let directories):
                print("Rendered \(count(files, "file")) into \(out) (\(count(clusters, "cluster"))); kept \(kept), removed \(removed).")
                for directory in directories {
                    print("  removed \(directory) (the source no longer renders it there)")
                }
            case .outputFailed(let failure):
                printError("trustc: \(failure)")
                throw ExitCode(2)
            }
        }
    }
}

/// "1 cluster", "2 clusters".
func count(_ value: Int, _ noun: String) -> String {
    "\(value) \(noun)\(value == 1 ? "" : "s")"
}
