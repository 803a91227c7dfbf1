import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished `trustc` run did: how it ended, what it printed, how long it took and how
/// much memory it used at its peak (from `wait4`'s `rusage`, for exactly this child).
struct ChildResult: Sendable {
    /// The exit status, or `nil` when a signal ended the process.
    var exitStatus: Int32?
    var signal: Int32?
    var stdout: String
    var stderr: String
    var seconds: Double
    var maxRSSBytes: Int
    var timedOut: Bool

    var output: String { stdout + stderr }
    var maxRSSMegabytes: Double { Double(maxRSSBytes) / 1_048_576 }

    var summary: String {
        let ending = exitStatus.map { "exit \($0)" } ?? "signal \(signal ?? 0)"
        return "\(ending), \(String(format: "%.3f", seconds)) s, \(String(format: "%.1f", maxRSSMegabytes)) MB\(timedOut ? ", timed out" : "")"
    }
}

/// A child process started with `posix_spawn`, its output sent to files (no pipe can fill up and
/// block it), reaped with `wait4` so its own peak memory is known.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    private let outputDirectory: String
    private let started: Double

    /// The release `trustc`, the build users run and the one the budget is about (`make test`
    /// builds it before testing).
    static let trustc = Golden.packageRoot.appendingPathComponent(".build/release/trustc").path

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Starts `executable` with `arguments`; `environment` entries replace (or, when `nil`,
    /// remove) inherited variables; `directory` is the working directory.
    init(_ executable: String, _ arguments: [String], environment: [String: String?] = [:],
         directory: String? = nil) throws {
        outputDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("trustc-child-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "\(outputDirectory)/stdout", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "\(outputDirectory)/stderr", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // A working directory through the shell (`posix_spawn_file_actions_addchdir_np` is not
        // everywhere); `exec` keeps one process, so the measurements are still trustc's.
        var program = executable
        var arguments = arguments
        if let directory {
            arguments = ["-c", "cd \"$0\" && exec \"$@\"", directory, executable] + arguments
            program = "/bin/sh"
        }

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // Default signal actions and an empty mask, as a shell would give: the test runner may
        // ignore SIGINT, and an ignored signal stays ignored across exec.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var child = pid_t()
        started = Self.now()
        let status = posix_spawn(&child, program, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL)
        }
        pid = child
    }

    func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Whether the child has not exited yet, without reaping it (`wait` still can). Where there
    /// is no /proc, a child that exited but was not reaped counts as running.
    var isRunning: Bool {
        #if os(Linux)
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[close...].dropFirst().first { $0 != " " }
        return state != "Z" && state != "X"
        #else
        return kill(pid, 0) == 0
        #endif
    }

    /// Waits for the child, killing it after `timeout` seconds.
    func wait(timeout: Double = 30) -> ChildResult {
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        while true {
            let reaped = wait4(pid, &status, WNOHANG, &usage)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { break }
            if Self.now() - started > timeout && !timedOut {
                timedOut = true
                kill(pid, SIGKILL)
            }
            usleep(2_000)
        }
        let seconds = Self.now() - started
        let signal = status & 0x7F
        let stdout = (try? String(contentsOfFile: "\(outputDirectory)/stdout", encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: "\(outputDirectory)/stderr", encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: outputDirectory)
        #if canImport(Darwin)
        let maxRSS = Int(usage.ru_maxrss)          // bytes on macOS
        #else
        let maxRSS = Int(usage.ru_maxrss) * 1024   // kilobytes on Linux
        #endif
        return ChildResult(exitStatus: signal == 0 ? (status >> 8) & 0xFF : nil, signal: signal == 0 ? nil : signal,
                           stdout: stdout, stderr: stderr, seconds: seconds, maxRSSBytes: maxRSS, timedOut: timedOut)
    }

    /// Runs `trustc` with `arguments` to the end.
    static func trustc(_ arguments: [String], environment: [String: String?] = [:], directory: String? = nil,
                       timeout: Double = 30) throws -> ChildResult {
        try ChildProcess(trustc, arguments, environment: environment, directory: directory).wait(timeout: timeout)
    }

    /// Runs a shell command line (`/bin/sh -c`), with `"$@"` set to `arguments`.
    static func shell(_ script: String, _ arguments: [String], environment: [String: String?] = [:],
                      timeout: Double = 30) throws -> ChildResult {
        try ChildProcess("/bin/sh", ["-c", script, "sh"] + arguments, environment: environment).wait(timeout: timeout)
    }
}

/// The resource budget every hostile input must stay within, from the issue: at most 2 s and
/// 500 MB, and an ordinary exit (1 or 2), never a crash, a hang or an out-of-memory kill.
enum Budget {
    static let seconds = 2.0
    static let bytes = 500 << 20

    /// Runs trustc within the budget. A run over the time budget is repeated once and the faster
    /// run kept, so that a test machine busy with other suites does not fail a bound the
    /// program keeps; memory is never retried.
    static func run(_ arguments: [String], environment: [String: String?] = [:]) throws -> ChildResult {
        let first = try measured(arguments, environment: environment)
        guard first.seconds > seconds, !first.timedOut else { return first }
        let second = try measured(arguments, environment: environment)
        return second.seconds < first.seconds ? second : first
    }

    /// Linux charges a child started from this (large) test process with the test process's
    /// own resident memory at `exec`, so `wait4`'s peak would be this process's. Run under
    /// `/usr/bin/time`, trustc is the child of a small process and its peak is its own; without
    /// `/usr/bin/time` the inflated figure is still a valid upper bound.
    static func measured(_ arguments: [String], environment: [String: String?]) throws -> ChildResult {
        let time = "/usr/bin/time"
        guard FileManager.default.isExecutableFile(atPath: time) else {
            return try ChildProcess.trustc(arguments, environment: environment)
        }
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-rss-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: report) }
        var result = try ChildProcess(time, ["-f", "%M", "-o", report, ChildProcess.trustc] + arguments,
                                      environment: environment).wait()
        let lines = ((try? String(contentsOfFile: report, encoding: .utf8)) ?? "").split(separator: "\n")
        if let kilobytes = lines.last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
            result.maxRSSBytes = kilobytes * 1024
        }
        // GNU time exits with the command's status (128 + n when a signal n ended it).
        if let status = result.exitStatus, status > 128, lines.contains(where: { $0.contains("terminated by signal") }) {
            result.exitStatus = nil
            result.signal = status - 128
        }
        return result
    }

    static func expectWithin(_ result: ChildResult, _ what: String,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(!result.timedOut, "\(what): did not finish (\(result.summary))", sourceLocation: sourceLocation)
        #expect(result.exitStatus == 1 || result.exitStatus == 2,
                "\(what): expected exit 1 or 2, got \(result.summary)\n\(result.output.prefix(2000))",
                sourceLocation: sourceLocation)
        #expect(result.seconds <= seconds, "\(what): took \(result.summary)", sourceLocation: sourceLocation)
        #expect(result.maxRSSBytes <= bytes, "\(what): used \(result.summary)", sourceLocation: sourceLocation)
    }
}

/// A `file:line:col: severity[TPnnn]: message` line of trustc's text output.
struct LocatedLine: Equatable, CustomStringConvertible {
    var file: String
    var line: Int
    var column: Int
    var severity: String
    var code: String
    var message: String

    var description: String { "\(file):\(line):\(column): \(severity)[\(code)]: \(message)" }

    /// Every located diagnostic line of an output.
    static func all(in output: String) -> [LocatedLine] {
        output.split(separator: "\n").compactMap { parse(String($0)) }
    }

    static func parse(_ text: String) -> LocatedLine? {
        // The path may itself hold colons, so parse from the severity marker backwards.
        for severity in ["error", "warning", "note"] {
            guard let marker = text.range(of: ": \(severity)[TP") else { continue }
            let head = text[..<marker.lowerBound]
            let parts = head.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 3, let column = Int(parts[parts.count - 1]), let line = Int(parts[parts.count - 2]),
                  line >= 1, column >= 1 else { return nil }
            let file = parts.dropLast(2).joined(separator: ":")
            let rest = text[marker.upperBound...]
            guard let close = rest.firstIndex(of: "]") else { return nil }
            let code = "TP" + rest[..<close]
            let message = rest[rest.index(after: close)...].drop { $0 == ":" || $0 == " " }
            return LocatedLine(file: file, line: line, column: column, severity: severity, code: code, message: String(message))
        }
        return nil
    }
}

extension ChildResult {
    /// The located diagnostics the run printed.
    var located: [LocatedLine] { LocatedLine.all(in: stdout) }

    /// Whether the output holds `code` located in a file ending with `file`.
    func reports(_ code: String, in file: String) -> Bool {
        located.contains { $0.code == code && $0.file.hasSuffix(file) }
    }
}
