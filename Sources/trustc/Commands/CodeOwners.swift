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

        func run() throws {
            let compilation = try policy.compile()
            if compilation.hasErrors {
                printError("trustc: the source has errors; run `trustc validate`")
                throw ExitCode.failure
            }
            let text = Ownership(source: compilation.source).codeowners(prefix: prefix ?? policy.directory)
            guard let output else {
                print(text, terminator: "")
                return
            }
            let current = try? FileSystem.readFile(output, limit: 1 << 20)
            if check {
                guard current == Array(text.utf8) else {
                    printError("trustc: \(output) is out of date; run `trustc codeowners \(policy.directory) --output \(output)`")
                    throw ExitCode.failure
                }
                return
            }
            do {
                try OutputDirectory.writeFileAtomically(output, Array(text.utf8))
            } catch {
                printError("trustc: cannot write \(output): \(error)")
                throw ExitCode(2)
            }
        }
    }
}
