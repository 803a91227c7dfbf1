import ArgumentParser
import TrustPolicyCompiler

extension DiagnosticFormat: ExpressibleByArgument {}

extension Trustc {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a policy directory and report every problem.",
            discussion: "Exit status: 0 when clean, 1 on errors (or warnings with --strict), 2 when the directory cannot be read, 64 on usage errors."
        )

        @OptionGroup var policy: PolicyOptions

        @Option(help: "Output format: text, json, github (workflow annotations) or sarif (code scanning).")
        var format: DiagnosticFormat = .text

        @Flag(help: "Fail on warnings too.")
        var strict = false

        func run() throws {
            let compilation = try policy.run { () throws(PolicyDirectory.OpenError) in
                try CompilerDriver.compile(directory: policy.directory, options: policy.driver)
            }
            print(format.render(compilation.diagnostics, directory: policy.directory, sources: compilation.files,
                                color: format == .text && Terminal.isColor), terminator: "")
            if compilation.hasErrors || (strict && compilation.hasWarnings) {
                throw ExitCode.failure
            }
        }
    }
}
