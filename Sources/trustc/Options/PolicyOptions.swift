import ArgumentParser
import TrustPolicyCompiler

/// Options shared by every command that reads a policy directory.
struct PolicyOptions: ParsableArguments {
    @Argument(help: "The policy directory.", completion: .directory)
    var directory: String = "policies"

    @Option(help: ArgumentHelp("The date that expiry and future-date checks use (default: today, UTC).", valueName: "YYYY-MM-DD"),
            transform: { text in
                guard let date = CivilDate(parsing: text) else {
                    throw ValidationError("--now must be a date written YYYY-MM-DD, not `\(text)`")
                }
                return date
            })
    var now: CivilDate?

    /// The driver's options: `--now`, or today in UTC.
    var driver: CompilerDriver.Options { .init(today: now ?? Clock.today) }

    /// Runs a driver entry point; an unreadable policy directory is an I/O failure (`status`).
    func run<Result>(status: Int32 = 2, _ entry: () throws(PolicyDirectory.OpenError) -> Result) throws -> Result {
        do {
            return try entry()
        } catch {
            printError("error[\(DiagnosticCode.unreadableFile.rawValue)]: \(error)")
            throw ExitCode(status)
        }
    }

    /// Prints the errors of a source that cannot be rendered or planned, and why not.
    func reportErrors(of compilation: Compilation, reason: String) {
        let errors = compilation.diagnostics.filter { $0.severity == .error }
        print(DiagnosticFormat.text.render(errors, directory: directory, sources: compilation.files, color: Terminal.isColor),
              terminator: "")
        printError("trustc: \(reason)")
    }
}
