#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs external programs (git and tar, for `plan --base`) to completion with `posix_spawnp` and
/// `waitpid`. Foundation's `Process` notices that a child exited by polling its run loop, which
/// costs tens of milliseconds a process; a plan runs three.
enum ExternalCommand {
    /// How a process ended, and what it wrote.
    struct Finished: Sendable {
        /// The exit status, or 128 plus the signal that ended it.
        var status: Int32
        /// Standard output (the last command's, in a pipeline; empty for the others).
        var output: [UInt8]
        var errors: [UInt8]

        var outputText: String { String(decoding: output, as: UTF8.self) }
        var errorText: String { String(decoding: errors, as: UTF8.self) }
    }

    struct SpawnFailure: Error, CustomStringConvertible {
        var program: String
        var reason: String

        var description: String { "cannot run `\(program)`: \(reason)" }
    }

    /// Runs one command (its first element is looked up on `PATH`), standard input empty.
    static func run(_ command: [String]) throws(SpawnFailure) -> Finished {
        try pipeline([command])[0]
    }

    /// Runs the commands at once, each one's standard output connected to the next one's
    /// standard input, as a shell's `a | b` does; returns how each ended, in order.
    static func pipeline(_ commands: [[String]]) throws(SpawnFailure) -> [Finished] {
        var pids: [pid_t] = []
        var readers: [Int32] = []  // the last command's output, then every command's errors
        var input = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer {
            if input >= 0 { close(input) }
            for descriptor in readers { close(descriptor) }
        }
        var failure: SpawnFailure?
        for (index, command) in commands.enumerated() {
            let output = Pipe(), errors = Pipe()
            readers.append(errors.read)
            if index == commands.count - 1 { readers.insert(output.read, at: 0) }
            do throws(SpawnFailure) {
                pids.append(try spawn(command, input: input, output: output.write, errors: errors.write))
            } catch {
                failure = error
            }
            close(output.write)
            close(errors.write)
            close(input)
            input = index == commands.count - 1 ? -1 : output.read
            if failure != nil { break }
        }
        var collected = drain(readers)
        let statuses = pids.map(wait)
        if let failure { throw failure }
        let output = collected.removeFirst()
        return statuses.indices.map { index in
            Finished(status: statuses[index], output: index == statuses.count - 1 ? output : [], errors: collected[index])
        }
    }

    /// A pipe whose ends close on exec (the child gets its copies through `dup2`).
    private struct Pipe {
        var read: Int32
        var write: Int32

        init() {
            var ends: [Int32] = [-1, -1]
            _ = ends.withUnsafeMutableBufferPointer { pipe($0.baseAddress!) }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            (read, write) = (ends[0], ends[1])
        }
    }

    private static func spawn(_ command: [String], input: Int32, output: Int32, errors: Int32) throws(SpawnFailure) -> pid_t {
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, errors, 2)
        let arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid: pid_t = 0
        #if canImport(Darwin)
        let environment = _NSGetEnviron().pointee
        #else
        let environment = environ
        #endif
        let result = posix_spawnp(&pid, command[0], &actions, nil, arguments, environment)
        guard result == 0 else { throw SpawnFailure(program: command[0], reason: String(cString: strerror(result))) }
        return pid
    }

    /// Reads every descriptor to its end, all at once (a child blocked writing its errors must
    /// not stall one writing its output); returns their bytes in order.
    private static func drain(_ descriptors: [Int32]) -> [[UInt8]] {
        var bytes = [[UInt8]](repeating: [], count: descriptors.count)
        var open = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while open.contains(where: { $0.fd >= 0 }) {
            guard poll(&open, nfds_t(open.count), -1) >= 0 || errno == EINTR else { break }
            for index in open.indices where open[index].fd >= 0 && open[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(open[index].fd, $0.baseAddress!, $0.count) }
                if count > 0 {
                    bytes[index] += buffer[..<count]
                } else if count == 0 || errno != EINTR {
                    open[index].fd = -1  // poll ignores negative descriptors
                }
            }
        }
        return bytes
    }

    private static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
