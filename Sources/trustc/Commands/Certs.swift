import ArgumentParser
import TrustPolicyCompiler

extension CertificatesFormat: ExpressibleByArgument {}

extension Trustc {
    struct Certs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every certificate of every trust store, soonest expiry first, with rotation warnings.",
            discussion: """
            Lists identity, environment, trust store, subject, issuer, serial, SHA-256 fingerprint, validity, \
            days left, Key Vault version and the clusters that trust each certificate, and warns about \
            certificates expiring within certificateExpiryWarningDays, rotations without an overlap window, \
            gaps between a certificate and its successor and timestamp-authority roots close to expiry.
            Exit status: 0 listed, 1 source errors (other than expired or not yet valid certificates) or, with \
            --expiring-within, any certificate listed, 2 the directory cannot be read, 64 usage errors.
            """
        )

        @OptionGroup var policy: PolicyOptions

        @Option(help: "Output format: text, markdown or json.")
        var format: CertificatesFormat = .text

        @Option(help: ArgumentHelp("List only certificates with at most DAYS days left, and exit 1 if there is any (for a scheduled job).",
                                   valueName: "DAYS"))
        var expiringWithin: Int?

        @Flag(help: "Name the clusters that trust each certificate instead of counting them.")
        var verbose = false

        func validate() throws {
            if let expiringWithin, expiringWithin < 0 {
                throw ValidationError("--expiring-within must be 0 or more days, not \(expiringWithin)")
            }
        }

        func run() throws {
            let request = CompilerDriver.CertsRequest(directory: policy.directory, expiringWithin: expiringWithin,
                                                      options: policy.driver)
            switch try policy.run({ () throws(PolicyDirectory.OpenError) in try CompilerDriver.certs(request) }) {
            case .sourceHasErrors(let compilation):
                policy.reportErrors(of: compilation, reason: "no certificate list: the source has errors")
                throw ExitCode.failure
            case .listed(let report):
                print(format.render(report, verbose: verbose), terminator: "")
                if expiringWithin != nil, !report.certificates.isEmpty { throw ExitCode.failure }
            }
        }
    }
}
