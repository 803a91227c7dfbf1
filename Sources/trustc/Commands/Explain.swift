import ArgumentParser
import TrustPolicyCompiler

extension ExplainFormat: ExpressibleByArgument {}

extension Trustc {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain how a cluster decides on an image: stage, statement, identities, certificates, owner.",
            discussion: """
            IMAGE is host/repository[:tag][@sha256:digest]. Every part of the answer names the source line that \
            caused it. With --signature (the image's `notation inspect -o json`), says per signature whether it \
            verifies on the cluster and, if not, why. A namespace the cluster does not list is off.
            Exit status: 0 admitted (or not enforced), 1 the namespace denies and the image cannot be admitted \
            (no scope for its repository, or no signature given verifies), 2 the question cannot be answered \
            (unknown cluster, a host that is no registry of the source, a malformed reference or signature \
            document, a source with errors, an unreadable file), 64 usage errors.
            """
        )

        @Argument(help: "The image reference.")
        var image: String

        @OptionGroup var policy: PolicyOptions

        @Option(help: "The cluster.")
        var cluster: String

        @Option(help: "The namespace (default: list the cluster's namespaces by stage).")
        var namespace: String?

        @Option(help: ArgumentHelp("The image's `notation inspect -o json` output, or - for standard input.", valueName: "FILE"),
                completion: .file())
        var signature: String?

        @Option(help: "Output format: text or json.")
        var format: ExplainFormat = .text

        func run() throws {
            let request = CompilerDriver.ExplainRequest(directory: policy.directory, image: image, cluster: cluster,
                                                        namespace: namespace, signatures: signature, options: policy.driver)
            switch try policy.run({ () throws(PolicyDirectory.OpenError) in try CompilerDriver.explain(request) }) {
            case .sourceHasErrors(let compilation):
                policy.reportErrors(of: compilation, reason: "cannot explain: the source has errors")
                throw ExitCode(2)
            case .failed(let message):
                printError("trustc: \(message)")
                throw ExitCode(2)
            case .explained(let explanation):
                let file = signature.map { $0 == "-" ? "<stdin>" : $0 }
                print(format.render(explanation, directory: policy.directory, signatureFile: file), terminator: "")
                if explanation.isRejected { throw ExitCode.failure }
            }
        }
    }
}
