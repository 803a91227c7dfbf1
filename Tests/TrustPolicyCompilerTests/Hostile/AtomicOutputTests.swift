import Foundation
import Testing
@testable import TrustPolicyCompiler
#if canImport(Glibc)
import Glibc
#endif

extension HostileTests {
    /// A render interrupted at any moment (SIGKILL, SIGINT, a full disk, an unwritable
    /// directory) leaves the output directory exactly as it was or exactly as the new render
    /// makes it, and files trustc did not write survive.
    @Suite struct AtomicOutputTests {
        /// Two versions of a larger policy directory (the sample plus generated clusters), so a
        /// render takes long enough to be interrupted in every phase.
        struct Sources {
            let root: URL
            var old: String { root.appendingPathComponent("old").path }
            var new: String { root.appendingPathComponent("new").path }
            var oldTree: String { root.appendingPathComponent("tree-old").path }
            var newTree: String { root.appendingPathComponent("tree-new").path }
            /// Where renders are interrupted; its parent holds nothing else.
            var out: String { root.appendingPathComponent("work/out").path }
            var work: String { root.appendingPathComponent("work").path }

            static let foreignFile = "NOTES.md"

            init(clusters: Int) throws {
                root = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-atomic-\(UUID().uuidString)")
                let sample = URL(fileURLWithPath: Sample.directory)
                for version in ["old", "new"] {
                    try FileManager.default.copyItem(at: sample, to: root.appendingPathComponent(version))
                }
                try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
                // Old: `clusters` clusters. New: a fifth of them gone, the rest with another
                // namespace stage, and new ones: files appear, change and disappear.
                try Self.writeClusters(into: old, names: (0..<clusters).map { "aks-bulk-\($0)" }, stage: "warn")
                try Self.writeClusters(into: new, names: (clusters / 5..<clusters + clusters / 5).map { "aks-bulk-\($0)" }, stage: "off")
            }

            static func writeClusters(into directory: String, names: [String], stage: String) throws {
                let folder = URL(fileURLWithPath: directory).appendingPathComponent("clusters/bulk")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                for name in names {
                    try """
                        apiVersion: trustc/v1
                        kind: Cluster
                        metadata:
                          name: \(name)
                        spec:
                          environment: production
                          region: westeurope
                          resourceID: /subscriptions/8247a08c-3bcd-4407-b62e-16099589d60e/resourceGroups/rg-bulk/providers/Microsoft.ContainerService/managedClusters/\(name)
                          namespaces:
                            - name: payments
                              stage: \(stage)
                              since: 2026-10-20
                              trustedTeams: [payments]
                            - name: checkout
                              stage: warn
                              since: 2026-11-02

                        """.write(to: folder.appendingPathComponent("\(name).yaml"), atomically: false, encoding: .utf8)
                }
            }

            func render(_ source: String, into out: String, environment: [String: String?] = [:]) throws -> ChildResult {
                try ChildProcess.trustc(["render", source, "--out", out, "--now", "2026-11-25"], environment: environment, timeout: 120)
            }

            /// Renders both reference trees: old, then new over a copy of old (with a foreign file,
            /// which both must keep). Returns how long the new render takes over the old tree in
            /// `out`, as the interrupted runs do (the slower of two runs).
            func prepareReferences() throws -> Double {
                let old = try render(old, into: oldTree)
                #expect(old.exitStatus == 0, "\(old.output)")
                try "written by a person\n".write(toFile: "\(oldTree)/\(Self.foreignFile)", atomically: false, encoding: .utf8)
                try FileManager.default.copyItem(atPath: oldTree, toPath: newTree)
                let new = try render(new, into: newTree)
                #expect(new.exitStatus == 0, "\(new.output)")
                var duration = 0.0
                for _ in 0..<2 {
                    try resetOut()
                    duration = max(duration, try render(self.new, into: out).seconds)
                }
                return duration
            }

            func resetOut() throws {
                try? FileManager.default.removeItem(atPath: out)
                try FileManager.default.copyItem(atPath: oldTree, toPath: out)
            }

            /// The staging directory the run with process id `pid` builds beside the output
            /// directory (`.out.trustc-<pid>-<random>`, see `OutputDirectory.write`), if it is
            /// there, with the number of files in it.
            func staging(of pid: pid_t) -> (name: String, files: Int)? {
                let prefix = ".out.trustc-\(pid)-"
                guard let name = (try? FileManager.default.contentsOfDirectory(atPath: work))?.first(where: { $0.hasPrefix(prefix) })
                else { return nil }
                var files = 0
                let enumerator = FileManager.default.enumerator(atPath: "\(work)/\(name)")
                while let relative = enumerator?.nextObject() as? String {
                    var isDirectory: ObjCBool = false
                    if FileManager.default.fileExists(atPath: "\(work)/\(name)/\(relative)", isDirectory: &isDirectory),
                       !isDirectory.boolValue {
                        files += 1
                    }
                }
                return (name, files)
            }

            /// Entries beside the output directory other than itself (temporary directories).
            func strays() throws -> [String] {
                try FileManager.default.contentsOfDirectory(atPath: work).filter { $0 != "out" }.sorted()
            }

            func remove() {
                try? FileManager.default.removeItem(at: root)
            }
        }

        enum Seen: String { case old, new, mixed }

        static func classify(_ tree: [String: Data], old: [String: Data], new: [String: Data]) -> Seen {
            tree == old ? .old : tree == new ? .new : .mixed
        }

        /// Where in the render a signal landed, from what it left behind: the output tree and
        /// the staging directory the killed process was building beside it.
        enum Moment: String, CaseIterable {
            case beforeStaging = "before the staging directory existed"
            case emptyStaging = "in an empty staging directory"
            case midWrite = "while the staging directory was being filled"
            case staged = "with every file staged, before the swap"
            case afterSwap = "after the swap, while the old tree was removed"
            case finished = "after the new tree was in place"
            case broken = "leaving neither tree"
        }

        static func moment(_ seen: Seen, staging: (name: String, files: Int)?, newFileCount: Int, exitStatus: Int32?) -> Moment {
            switch seen {
            case .mixed: return .broken
            case .new: return staging == nil || exitStatus == 0 ? .finished : .afterSwap
            case .old:
                guard let staging else { return .beforeStaging }
                return staging.files == 0 ? .emptyStaging : staging.files < newFileCount ? .midWrite : .staged
            }
        }

        static func describeDifference(_ tree: [String: Data], from reference: [String: Data]) -> String {
            let missing = Set(reference.keys).subtracting(tree.keys).sorted().prefix(5)
            let extra = Set(tree.keys).subtracting(reference.keys).sorted().prefix(5)
            let changed = reference.keys.filter { tree[$0] != nil && tree[$0] != reference[$0] }.sorted().prefix(5)
            return "missing \(Array(missing)), extra \(Array(extra)), changed \(Array(changed))"
        }

        static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

        /// Renders `new` over a fresh copy of the old tree, sends `signal` when `trigger` returns
        /// (it gets the child and says what it waited for), and checks that the output is exactly
        /// the old or the new tree with the foreign file kept. Returns where the signal landed.
        func interruptOnce(with signal: Int32, sources: Sources, old: [String: Data], new: [String: Data], label: String,
                           trigger: (ChildProcess) -> String) throws -> (moment: Moment, result: ChildResult) {
            try sources.resetOut()
            let child = try ChildProcess(ChildProcess.trustc, ["render", sources.new, "--out", sources.out, "--now", "2026-11-25"])
            let waited = trigger(child)
            child.send(signal)
            let result = child.wait(timeout: 120)
            // The killed process is gone: what it left cannot change any more.
            let staging = sources.staging(of: child.pid)
            let tree = HostileFixture.tree(at: sources.out)
            let seen = Self.classify(tree, old: old, new: new)
            let moment = Self.moment(seen, staging: staging, newFileCount: new.count, exitStatus: result.exitStatus)
            print("signal \(signal), \(label) \(waited): \(result.summary) -> \(seen.rawValue), staging \(staging.map { "\($0.files) of \(new.count) files" } ?? "absent"): \(moment.rawValue)")
            #expect(seen != .mixed,
                    "\(label) \(waited), signal \(signal) (\(result.summary)): the output is neither tree: against old \(Self.describeDifference(tree, from: old)); against new \(Self.describeDifference(tree, from: new))")
            #expect(tree[Sources.foreignFile] != nil, "\(label) \(waited): the foreign file is gone")
            // A run that finished is a success; one that was interrupted ended by the signal
            // (SIGINT's default action) and never with a crash of its own.
            #expect(result.exitStatus == 0 || result.signal == signal, "\(label) \(waited): \(result.summary)")
            return (moment, result)
        }

        /// Waits until the child's staging directory appears beside the output directory, or the
        /// child exits, or `limit` seconds pass. Returns how long that took (`nil`: not seen).
        static func waitForStaging(of child: ChildProcess, sources: Sources, limit: Double) -> Double? {
            let prefix = ".out.trustc-\(child.pid)-"
            let start = ChildProcess.now()
            while ChildProcess.now() - start < limit {
                if let names = try? FileManager.default.contentsOfDirectory(atPath: sources.work),
                   names.contains(where: { $0.hasPrefix(prefix) }) {
                    return ChildProcess.now() - start
                }
                if !child.isRunning { return nil }
                usleep(200)
            }
            return nil
        }

        /// Interrupts renders with `signal`: `randomRuns` at random moments over the whole run,
        /// then, until at least `midWriteKills` signals have landed while the staging directory
        /// was being filled, runs whose signal follows the first staged file by a random delay
        /// (adjusted as the outcomes show the length of the write phase on this machine, at most
        /// `maxTargetedRuns` of them). Every run must leave the old or the new tree.
        func interrupt(with signal: Int32, randomRuns: Int, midWriteKills: Int, maxTargetedRuns: Int,
                       sources: Sources, duration: Double) throws -> [Moment: Int] {
            let old = HostileFixture.tree(at: sources.oldTree)
            let new = HostileFixture.tree(at: sources.newTree)
            #expect(old != new)
            var moments: [Moment: Int] = [:]
            var generator = SystemRandomNumberGenerator()
            // The render's duration, as far as the runs show it: runs in the loop also remove
            // what the previous interrupted run left, so they take longer than the calibration.
            // A run interrupted late stretches the estimate; a run that finished sets a floor.
            var duration = duration
            for run in 0..<randomRuns {
                let delay = Double.random(in: 0...duration, using: &generator)
                let (moment, result) = try interruptOnce(with: signal, sources: sources, old: old, new: new, label: "random run \(run)") { _ in
                    usleep(UInt32(delay * 1_000_000))
                    return "after \(Self.seconds(delay)) s of \(Self.seconds(duration)) s"
                }
                moments[moment, default: 0] += 1
                if result.exitStatus == 0 {
                    duration = max(duration, result.seconds)
                } else if delay > 0.7 * duration {
                    duration *= 1.2
                }
            }
            // Targeted runs: the signal follows the staging directory's appearance by a delay
            // drawn from [low, high], which narrows on the moments the signals land at (too early:
            // no file staged yet; too late: everything staged or swapped) and widens a little on
            // the other side each time, so that noise on a busy machine cannot close it.
            var low = 0.0, high = duration
            var targeted = 0
            while moments[.midWrite, default: 0] < midWriteKills && targeted < maxTargetedRuns {
                targeted += 1
                let extra = Double.random(in: low...max(low, high), using: &generator)
                let (moment, _) = try interruptOnce(with: signal, sources: sources, old: old, new: new, label: "targeted run \(targeted)") { child in
                    guard let seen = Self.waitForStaging(of: child, sources: sources, limit: 4 * duration + 5) else {
                        return "(staging directory not seen)"
                    }
                    usleep(UInt32(extra * 1_000_000))
                    return "\(Self.seconds(extra)) s after the staging directory appeared (at \(Self.seconds(seen)) s; drawn from \(Self.seconds(low))...\(Self.seconds(high)) s)"
                }
                moments[moment, default: 0] += 1
                switch moment {
                case .staged, .afterSwap, .finished:
                    high = extra
                    low *= 0.8
                case .beforeStaging, .emptyStaging:
                    low = extra
                    high = min(duration, high * 1.25)
                case .midWrite, .broken:
                    break
                }
                if low >= high { low = high / 2 }
            }
            let summary = Moment.allCases.filter { moments[$0] != nil }.map { "\(moments[$0]!) \($0.rawValue)" }.joined(separator: ", ")
            print("signal \(signal): \(randomRuns) random and \(targeted) targeted runs: \(summary)")
            #expect(moments[.midWrite, default: 0] >= midWriteKills,
                    "only \(moments[.midWrite, default: 0]) of \(randomRuns + targeted) signals landed while files were being written (wanted \(midWriteKills)): \(summary)")
            // The next successful render cleans up what the interrupted ones left beside `out`.
            let final = try sources.render(sources.new, into: sources.out)
            #expect(final.exitStatus == 0, "\(final.output)")
            #expect(HostileFixture.tree(at: sources.out) == new)
            let strays = try sources.strays()
            #expect(strays.isEmpty, "temporary directories left beside the output: \(strays)")
            return moments
        }

        @Test func aRenderKilledAtRandomMomentsLeavesTheOldOrTheNewTree() throws {
            let sources = try Sources(clusters: 300)
            defer { sources.remove() }
            let duration = try sources.prepareReferences()
            _ = try interrupt(with: SIGKILL, randomRuns: 20, midWriteKills: 5, maxTargetedRuns: 60, sources: sources, duration: duration)
        }

        @Test func aRenderInterruptedWithSIGINTLeavesTheOldOrTheNewTree() throws {
            let sources = try Sources(clusters: 300)
            defer { sources.remove() }
            let duration = try sources.prepareReferences()
            _ = try interrupt(with: SIGINT, randomRuns: 10, midWriteKills: 3, maxTargetedRuns: 40, sources: sources, duration: duration)
        }

        /// Writes fail with EFBIG past 50 KiB (`ulimit -f`, SIGXFSZ ignored), as on a full disk.
        @Test func aFullDiskLeavesTheOldTreeAndNoTemporaryDirectory() throws {
            let sources = try Sources(clusters: 300)
            defer { sources.remove() }
            _ = try sources.prepareReferences()
            try sources.resetOut()
            let result = try ChildProcess.shell(#"ulimit -f 50; trap "" XFSZ; exec "$@""#,
                                                [ChildProcess.trustc, "render", sources.new, "--out", sources.out, "--now", "2026-11-25"],
                                                timeout: 120)
            #expect(result.exitStatus == 2, "\(result.summary)\n\(result.output)")
            #expect(result.stderr.contains("trustc:"), "no message: \(result.output)")
            #expect(HostileFixture.tree(at: sources.out) == HostileFixture.tree(at: sources.oldTree))
            let strays = try sources.strays()
            #expect(strays.isEmpty, "left behind: \(strays)")
        }

        /// The output directory's parent cannot be written (trustc runs as `nobody` when the
        /// tests run as root, since root ignores permissions).
        @Test func anUnwritableParentLeavesTheOldTree() throws {
            let sources = try Sources(clusters: 20)
            defer { sources.remove() }
            _ = try sources.prepareReferences()
            try sources.resetOut()
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: sources.work)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sources.work) }
            let arguments = ["render", sources.new, "--out", sources.out, "--now", "2026-11-25"]
            let result: ChildResult
            if getuid() == 0 {
                guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
                    Issue.record("running as root without setpriv: cannot drop privileges to test an unwritable directory")
                    return
                }
                // Everything on the way must be readable by `nobody` for the test to mean anything.
                result = try ChildProcess("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--",
                                                              ChildProcess.trustc] + arguments).wait(timeout: 120)
            } else {
                result = try ChildProcess.trustc(arguments, timeout: 120)
            }
            #expect(result.exitStatus == 2, "\(result.summary)\n\(result.output)")
            #expect(result.stderr.contains("trustc:"), "no message: \(result.output)")
            #expect(HostileFixture.tree(at: sources.out) == HostileFixture.tree(at: sources.oldTree))
            #expect(try sources.strays().isEmpty)

            // The parent being a file rather than a directory.
            let blocked = sources.root.appendingPathComponent("file")
            try Data("x".utf8).write(to: blocked)
            let underFile = try sources.render(sources.new, into: blocked.appendingPathComponent("out").path)
            #expect(underFile.exitStatus == 2, "\(underFile.summary)\n\(underFile.output)")
        }

        /// Files trustc did not write are kept by a render and removed only with --prune; a
        /// directory trustc never wrote is refused.
        @Test func foreignFilesAreKeptUnlessPruned() throws {
            let sources = try Sources(clusters: 5)
            defer { sources.remove() }
            _ = try sources.prepareReferences()
            try sources.resetOut()
            let again = try sources.render(sources.new, into: sources.out)
            #expect(again.exitStatus == 0)
            #expect(FileManager.default.fileExists(atPath: "\(sources.out)/\(Sources.foreignFile)"))
            let pruned = try ChildProcess.trustc(["render", sources.new, "--out", sources.out, "--prune", "--now", "2026-11-25"])
            #expect(pruned.exitStatus == 0)
            #expect(!FileManager.default.fileExists(atPath: "\(sources.out)/\(Sources.foreignFile)"))

            let foreign = sources.root.appendingPathComponent("foreign").path
            try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
            try "mine\n".write(toFile: "\(foreign)/keep.txt", atomically: false, encoding: .utf8)
            let refused = try sources.render(sources.new, into: foreign)
            #expect(refused.exitStatus == 2, "\(refused.summary)\n\(refused.output)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: foreign) == ["keep.txt"])
        }
    }
}
