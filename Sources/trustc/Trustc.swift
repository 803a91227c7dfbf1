import ArgumentParser
import TrustPolicyCompiler

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `trustc` command: thin subcommands over the TrustPolicyCompiler library.
@main
struct Trustc: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trustc",
        abstract: "Compile a GitOps trust-policy repository into Notation, Ratify and Azure Policy bundles.",
        version: TrustcVersion.current,
        subcommands: [Validate.self, Render.self, Plan.self, CodeOwners.self, Codes.self]
    )

    /// Exit statuses: 0 success, 1 problems in the source, 2 usage or I/O errors.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                terminate(0)
            }
            if let status = error as? ExitCode {
                terminate(status.rawValue)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { printError(message) }
            // Usage errors and anything unexpected are status 2, as documented; `plan` follows
            // `terraform plan -detailed-exitcode`, where 2 means "changes", so its errors are 1.
            terminate(CommandLine.arguments.dropFirst().first == "plan" ? 1 : 2)
        }
        terminate(0)
    }
}

/// Writes a message to standard error.
func printError(_ message: String) {
    var line = message
    if !line.hasSuffix("\n") { line += "\n" }
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
}

/// Flushes standard output and exits with `status`.
func terminate(_ status: Int32) -> Never {
    fflush(nil)
    exit(status)
}
