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
            differences, 2 usage or I/O errors.
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
            let compilation = try policy.compile()
            if compilation.hasErrors {
                let errors = compilation.diagnostics.filter { $0.severity == .error }
                print(DiagnosticFormat.text.render(errors, directory: policy.directory, sources: compilation.source.files,
                                                   color: Terminal.isColor), terminator: "")
                printError("trustc: not rendering: the source has errors")
                throw ExitCode.failure
            }
            let known = Set(compilation.model.clusters.map(\.name))
            let unknown = clusters.filter { !known.contains($0) }
            let knownEnvironments = Set(compilation.model.environments.map(\.name))
            let unknownEnvironments = environments.filter { !knownEnvironments.contains($0) }
            guard unknown.isEmpty, unknownEnvironments.isEmpty else {
                printError("trustc: unknown \(unknown.isEmpty ? "environment" : "cluster") `\((unknown + unknownEnvironments)[0])`")
                throw ExitCode(2)
            }
            let output = KeptUntilExit.keep(BundleRenderer().render(compilation.model, options: .init(
                selection: .init(clusters: Set(clusters), environments: Set(environments)),
                selfContained: selfContained, sourceRevision: sourceRevision)))
            let directory = OutputDirectory(path: out)
            do {
                if check {
                    let differences = try directory.differences(from: output)
                    guard differences.isEmpty else {
                        print("\(out) is not what the source renders (\(differences.count) difference\(differences.count == 1 ? "" : "s")):")
                        differences.forEach { print("  \($0)") }
                        print("Run `trustc render \(policy.directory) --out \(out)` and commit the result.")
                        throw ExitCode.failure
                    }
                    print("\(out) is up to date (\(output.files.count) files).")
                    return
                }
                let result = try directory.write(output, prune: prune)
                // A set first: `owns` scans every owned path, once per cluster.
                let owned = Set(output.ownedPaths)
                let rendered = compilation.model.clusters.filter {
                    owned.contains(BundleLayout.clusterBundlePath($0)) || output.owns(BundleLayout.clusterBundlePath($0))
                }
                print("Rendered \(result.written) files into \(out) (\(rendered.count) clusters); kept \(result.kept), removed \(result.removed).")
            } catch let failure as OutputDirectory.Failure {
                printError("trustc: \(failure)")
                throw ExitCode(2)
            }
        }
    }
}
