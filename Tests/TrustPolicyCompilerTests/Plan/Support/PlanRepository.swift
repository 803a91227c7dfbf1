import Foundation
import Testing
@testable import TrustPolicyCompiler

/// A Git repository in a temporary directory holding a copy of the sample policy directory
/// (`policies/`) as its first commit, for `plan --base` tests: a test edits files, commits the
/// change and plans it against `HEAD~1`, exactly as a pull-request check does.
struct PlanRepository {
    /// The date every plan and validation in these tests uses.
    static let now = "2026-11-25"
    static let today = CivilDate(parsing: now)!

    let root: URL
    var policies: URL { root.appendingPathComponent("policies") }

    init(source: URL = URL(fileURLWithPath: Sample.directory)) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: policies)
        try git("init", "--quiet")
        try commit("Base: the sample policy directory")
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    // MARK: Changing files (paths relative to the policy directory)

    func write(_ path: String, _ text: String) throws {
        let url = policies.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: policies.appendingPathComponent(path), encoding: .utf8)
    }

    /// Replaces text that must occur exactly once, so a sample change that makes an edit
    /// miss fails loudly instead of planning nothing.
    func edit(_ path: String, replacing old: String, with new: String,
              sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let text = try read(path)
        let occurrences = text.components(separatedBy: old).count - 1
        try #require(occurrences == 1, "`\(old)` occurs \(occurrences) times in \(path)", sourceLocation: sourceLocation)
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    func delete(_ path: String) throws {
        try FileManager.default.removeItem(at: policies.appendingPathComponent(path))
    }

    /// Copies a certificate from `Fixtures/certificates`.
    func copyCertificate(_ fixture: String, to path: String) throws {
        let url = policies.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: PolicyFixture.certificates.appendingPathComponent(fixture), to: url)
    }

    // MARK: Git

    func commit(_ message: String) throws {
        try git("add", "--all")
        try git("commit", "--quiet", "--allow-empty", "-m", message)
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        let result = try ChildRun.run("/usr/bin/env", ["git", "-C", root.path] + arguments, environment: Self.gitEnvironment)
        try #require(result.status == 0, "git \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    /// Git isolated from the machine's configuration (signing, hooks, default branch), with a
    /// fixed author.
    static let gitEnvironment: [String: String] = [
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_AUTHOR_NAME": "trustc tests", "GIT_AUTHOR_EMAIL": "tests@example.com",
        "GIT_COMMITTER_NAME": "trustc tests", "GIT_COMMITTER_EMAIL": "tests@example.com",
    ]

    // MARK: Planning

    /// `trustc plan policies --base HEAD~1 --now ...` run in the repository, plus `arguments`.
    func planCLI(_ arguments: [String] = [], base: String = "HEAD~1") throws -> ChildRun.Result {
        try Trustc.run(["plan", "policies", "--base", base, "--now", Self.now] + arguments, in: root.path)
    }

    /// The same plan through the library's entry point: the base materialised with git, both
    /// sides compiled and compared.
    func planLibrary(base: String = "HEAD~1", authorTeam: String? = nil, minimumValidityDays: Int = 90) throws -> Plan {
        let request = CompilerDriver.PlanRequest(
            directory: policies.path, base: .revision(base), options: .init(today: Self.today),
            planner: .init(today: Self.today, authorTeam: authorTeam, minimumValidityDays: minimumValidityDays))
        switch CompilerDriver.plan(request) {
        case .planned(let plan, _):
            return plan
        case .changeHasErrors(let head):
            throw PlanFailure(message: "the change has errors: \(head.diagnostics.filter { $0.severity == .error })")
        case .failed(let message):
            throw PlanFailure(message: message)
        }
    }

    struct PlanFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// A child process run to the end, its output captured through files (a pipe could fill up).
enum ChildRun {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("stdout"), err = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try? outHandle.close()
        try? errHandle.close()
        return Result(status: process.terminationStatus,
                      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}

/// The `trustc` executable the test bundle was built with.
enum Trustc {
    /// Beside the test bundle (`swift test` builds every product), else `.build/debug/trustc`.
    static let executable: String = {
        let besideTests = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("trustc").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        return Golden.packageRoot.appendingPathComponent(".build/debug/trustc").path
    }()

    static func run(_ arguments: [String], in directory: String? = nil) throws -> ChildRun.Result {
        try #require(FileManager.default.isExecutableFile(atPath: executable), "no trustc at \(executable); run `swift build`")
        // Git as the tests configure it, for `plan --base`.
        return try ChildRun.run(executable, arguments, in: directory,
                                  environment: PlanRepository.gitEnvironment.merging(["NO_COLOR": "1"]) { $1 })
    }
}
