import ArgumentParser
import TrustPolicyCompiler

extension Trustc {
    struct Codes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every diagnostic code with its severity and meaning (Markdown)."
        )

        func run() {
            print(CompilerDriver.diagnosticsReference(), terminator: "")
        }
    }
}
