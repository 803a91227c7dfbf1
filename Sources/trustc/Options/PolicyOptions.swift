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

    var today: CivilDate { now ?? Clock.today }

    /// Compiles the directory; an unreadable directory is an I/O failure (status 2).
    func compile() throws -> Compilation {
        do {
            return KeptUntilExit.keep(try PolicyCompiler.compile(directory: directory, options: .init(today: today)))
        } catch {
            printError("error[\(DiagnosticCode.unreadableFile.rawValue)]: \(error)")
            throw ExitCode(2)
        }
    }
}

/// Values the commands keep alive until the process exits. Freeing a large organisation's model
/// and rendered output (hundreds of thousands of objects) took 10-15 ms after the work was done;
/// the process's exit returns all of its memory at once.
enum KeptUntilExit {
    nonisolated(unsafe) private static var values: [Any] = []

    @discardableResult
    static func keep<Value>(_ value: Value) -> Value {
        values.append(value)
        return value
    }
}
