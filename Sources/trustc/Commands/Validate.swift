import ArgumentParser
import TrustPolicyCompiler

extension DiagnosticFormat: ExpressibleByArgument {}

extension Trustc {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a policy directory and report every problem.",
            discussion: "Exit status: 0 when clean, 1 on errors (or warnings with --strict), 2 on usage or I/O errors."
        )

        @OptionGroup var policy: PolicyOptions

        @Option(help: "Output format: text, json, github (workflow annotations) or sarif (code scanning).")
        var format: DiagnosticFormat = .text

        @Flag(help: "Fail on warnings too.")
        var strict = false

        func run() throws {
            let compilation = try policy.compile()
            let output = format.render(compilation.diagnostics, directory: policy.directory,
                                       sources: compilation.source.files, color: format == .text && Terminal.isColor)
            print(output, terminator: "")
            if compilation.hasErrors || (strict && compilation.hasWarnings) {
                throw ExitCode.failure
            }
        }
    }
}
