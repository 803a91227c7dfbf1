import ArgumentParser
import TrustPolicyCompiler

extension Trustc {
    struct CodeOwners: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "codeowners",
            abstract: "Render a CODEOWNERS file: each team owns its team file, the platform team everything else."
        )

        @OptionGroup var policy: PolicyOptions

        @Option(help: "The policy directory's path from the repository root (default: the directory as given).")
        var prefix: String?

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
        var output: String?

        @Flag(help: "Exit 1 if --output does not hold exactly what would be written.")
        var check = false

        func validate() throws {
            if check && output == nil {
                throw ValidationError("--check compares with a file: give it with --output")
            }
        }

        func run() throws {
            let request = CompilerDriver.CodeOwnersRequest(directory: policy.directory, prefix: prefix, output: output,
                                                           check: check, options: policy.driver)
            switch try policy.run({ () throws(PolicyDirectory.OpenError) in try CompilerDriver.codeowners(request) }) {
            case .sourceHasErrors:
                printError("trustc: the source has errors; run `trustc validate`")
                throw ExitCode.failure
            case .text(let text):
                print(text, terminator: "")
            case .written:
                break
            case .checked(upToDate: true):
                break
            case .checked(upToDate: false):
                let prefixOption = prefix.map { " --prefix \($0)" } ?? ""
                printError("trustc: \(output!) is out of date; run `trustc codeowners \(policy.directory)\(prefixOption) --output \(output!)`")
                throw ExitCode.failure
            case .outputFailed(let message):
                printError("trustc: \(message)")
                throw ExitCode(2)
            }
        }
    }
}
