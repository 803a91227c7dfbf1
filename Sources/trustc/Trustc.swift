import ArgumentParser
import TrustPolicyCompiler

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `trustc` command: thin subcommands over the TrustPolicyCompiler library. Each parses its
/// arguments, calls one `CompilerDriver` entry point and maps the outcome to output and an exit
/// status; usage errors exit 64 (`EX_USAGE`), as ArgumentParser does.
@main
struct Trustc: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trustc",
        abstract: "Compile a GitOps trust-policy repository into Notation, Ratify and Azure Policy bundles.",
        version: TrustcVersion.current,
        subcommands: [Validate.self, Render.self, Plan.self, Certs.self, Drift.self, Rollout.self, Audit.self, Explain.self,
                      CodeOwners.self, Codes.self]
    )
}

/// Writes a message to standard error.
func printError(_ message: String) {
    var line = message
    if !line.hasSuffix("\n") { line += "\n" }
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
}
