import Foundation
import Testing
@testable import TrustPolicyCompiler

/// `plan`'s exit statuses follow `terraform plan -detailed-exitcode`: 0 no change, 2 changes,
/// 1 anything wrong (the base cannot be read, the change has errors), 64 a usage error. Status 2
/// must never mean an error, because a pull-request check treats it as success.
@Suite struct PlanErrorTests {
    @Test func unknownRevision() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        let run = try repository.planCLI([], base: "no-such-revision")
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "trustc: unknown revision `no-such-revision`\n")
        // HEAD~1 of a repository with one commit does not exist either.
        #expect(try repository.planCLI().status == 1)
    }

    /// The change does not compile: the errors are printed as diagnostics and there is no plan.
    @Test func invalidChange() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("teams/payments.yaml", replacing: "signingIdentities: [prod-build, payments-release,",
                            with: "signingIdentities: [prod-buld, payments-release,")
        try repository.commit("payments: a typo")
        let run = try repository.planCLI()
        #expect(run.status == 1)
        #expect(run.stdout.contains("teams/payments.yaml:13:23: error[TP201]"), "\(run.stdout)")
        #expect(run.stdout.contains("Did you mean `prod-build`?"))
        #expect(run.stderr == "trustc: no plan: the change has errors\n")
        // The same with --fail-on and JSON: still 1, never a plan.
        let json = try repository.planCLI(["--format", "json", "--fail-on", "all"])
        #expect(json.status == 1)
        #expect(!json.stdout.contains("\"kind\": \"Plan\""))
    }

    /// The base does not compile (the pull request fixes it): the plan compares with what of the
    /// base could be resolved, and says so on standard error.
    @Test func invalidBaseIsAWarning() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("teams/payments.yaml", replacing: "signingIdentities: [prod-build, payments-release,",
                            with: "signingIdentities: [prod-buld, payments-release,")
        try repository.commit("payments: a typo")
        try repository.edit("teams/payments.yaml", replacing: "signingIdentities: [prod-buld, payments-release,",
                            with: "signingIdentities: [prod-build, payments-release,")
        try repository.commit("payments: fix the typo")
        let run = try repository.planCLI()
        #expect(run.stderr == "trustc: warning: the base has errors; the plan compares with what of it could be resolved\n")
        #expect(run.status == 0 || run.status == 2, "\(run.stdout)")
    }

    /// A policy directory that did not exist at the base revision compiles as empty: every
    /// cluster is new.
    @Test func policyDirectoryNewInThisChange() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.git("rm", "-r", "--quiet", "policies")
        try repository.commit("no policies yet")
        try repository.git("checkout", "HEAD~1", "--", "policies")
        try repository.commit("the first policies")
        let run = try repository.planCLI(["--format", "json"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(try PlanRepository.clusters(inJSON: run.stdout) == SampleClusters.all)
        #expect(run.stdout.components(separatedBy: "\"kind\": \"cluster-added\"").count - 1 == SampleClusters.all.count)
    }

    @Test func notAGitRepository() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-plan-nogit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Sample.directory), to: directory.appendingPathComponent("policies"))
        // GIT_CEILING_DIRECTORIES keeps git from finding a repository above the temporary directory.
        let run = try ChildRun.run(Trustc.executable, ["plan", "policies", "--base", "HEAD", "--now", PlanRepository.now],
                                     in: directory.path, environment: ["GIT_CEILING_DIRECTORIES": directory.deletingLastPathComponent().path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("is not inside a Git repository; use --base-dir"), "\(run.stderr)")
    }

    /// Usage errors exit 64, like every command's: never 2 ("changes") and never 1 (a risk or an
    /// error in the policy), so a pull-request check can tell a mistyped call from a finding.
    @Test(arguments: [
        (["--base", "HEAD", "--base-dir", "policies"], "give exactly one of --base REV and --base-dir DIR"),
        ([], "give exactly one of --base REV and --base-dir DIR"),
        (["--base", "HEAD", "--fail-on", "TR999"], "unknown risk `TR999`"),
        (["--base", "HEAD", "--format", "yaml"], "--format"),
    ])
    func usageErrorsExit64(arguments: [String], message: String) throws {
        try expectExit(64, arguments: arguments, message: message)
    }

    /// What the plan cannot be made from (an unknown team, a base that cannot be read) is an
    /// error: 1.
    @Test(arguments: [
        (["--base", "HEAD", "--author-team", "nobody"], "unknown --author-team `nobody`"),
        (["--base-dir", "does-not-exist"], "base"),
    ])
    func unusableInputExitsOne(arguments: [String], message: String) throws {
        try expectExit(1, arguments: arguments, message: message)
    }

    private func expectExit(_ status: Int32, arguments: [String], message: String) throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        let run = try Trustc.run(["plan", "policies", "--now", PlanRepository.now] + arguments, in: repository.root.path)
        #expect(run.status == status, "\(arguments): exit \(run.status)")
        #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    /// Other commands exit 2 for an unreadable directory; plan must not (2 is "changes").
    @Test func missingPolicyDirectoryExitsOne() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        let run = try Trustc.run(["plan", "no-such-directory", "--base", "HEAD", "--now", PlanRepository.now], in: repository.root.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("does not exist"), "\(run.stderr)")
        let validate = try Trustc.run(["validate", "no-such-directory"], in: repository.root.path)
        #expect(validate.status == 2)
    }
}
