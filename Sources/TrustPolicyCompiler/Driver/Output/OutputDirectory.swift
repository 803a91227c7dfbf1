#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The output directory, written atomically: the new tree is built in a temporary directory
/// beside it and swapped into place in one step. An interrupted or failed render leaves the
/// directory exactly as it was.
///
/// trustc only ever removes files it wrote (listed in `trustc-manifest.json`) and only within
/// what the render owns; other files are carried over, unless `prune` is set.
public struct OutputDirectory: Sendable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notADirectory(String)
        case foreignDirectory(String, example: String)
        case wouldOverwrite(String)
        case io(String)

        public var description: String {
            switch self {
            case .notADirectory(let path): "`\(path)` exists and is not a directory"
            case .foreignDirectory(let path, let example):
                "`\(path)` is not empty and was not written by trustc (it has no \(BundleLayout.manifest); for example `\(example)`); render into an empty directory, or pass --prune to replace its contents"
            case .wouldOverwrite(let path):
                "rendering would overwrite `\(path)`, which trustc did not write; move it away or pass --prune"
            case .io(let message): message
            }
        }
    }

    public let path: String

    public init(path: String) {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.path = path
    }

    /// What is in the directory now: every regular file (links are not followed) and the paths
    /// the previous render recorded as its own.
    struct Snapshot {
        var exists: Bool
        var files: [String]
        var trustcFiles: Set<String>
        var hasManifest: Bool
    }

    func snapshot() throws(Failure) -> Snapshot {
        switch FileSystem.entryType(atPath: path) {
        case nil:
            return Snapshot(exists: false, files: [], trustcFiles: [], hasManifest: false)
        case .directory?:
            break
        default:
            throw .notADirectory(path)
        }
        // Without a manifest nothing in the directory is trustc's: a render refuses it (or, with
        // --prune, replaces all of it), so its top level is all there is to know. Walking it
        // could take minutes for `--out ~` or `--out /` before the refusal.
        guard FileSystem.entryType(atPath: "\(path)/\(BundleLayout.manifest)").map({ if case .file = $0 { true } else { false } }) == true else {
            guard let names = FileSystem.directoryEntries(atPath: path) else {
                throw .io("cannot read the directory `\(path)`")
            }
            return Snapshot(exists: true, files: names.sorted(), trustcFiles: [], hasManifest: false)
        }
        var files: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? path : "\(path)/\(relative)"
            // The entry types readdir reports, rather than an lstat per file.
            guard let entries = FileSystem.directoryEntriesWithTypes(atPath: absolute) else {
                throw .io("cannot read the directory `\(absolute)`")
            }
            for (name, isDirectory) in entries {
                let child = relative.isEmpty ? name : "\(relative)/\(name)"
                if isDirectory {
                    pending.append(child)
                } else {
                    files.append(child)
                }
            }
        }
        var trustcFiles = Set<String>()
        let hasManifest = files.contains(BundleLayout.manifest)
        if hasManifest, let bytes = try? FileSystem.readFile("\(path)/\(BundleLayout.manifest)", limit: 256 << 20),
           let listed = OutputManifest.paths(in: bytes) {
            trustcFiles = Set(listed)
            trustcFiles.insert(BundleLayout.manifest)
        }
        return Snapshot(exists: true, files: files.sorted(), trustcFiles: trustcFiles,
                        hasManifest: hasManifest && !trustcFiles.isEmpty)
    }

    /// The tree after a render: rendered files, plus what is kept from the current directory.
    struct Update {
        var write: [RenderedFile]
        /// Existing files carried over unchanged (relative paths).
        var keep: [String]
        /// trustc files that are no longer produced.
        var remove: [String]
        var manifest: RenderedFile
    }

    func update(_ output: RenderedOutput, snapshot: Snapshot, prune: Bool) throws(Failure) -> Update {
        if snapshot.exists, !snapshot.hasManifest, !prune, let example = snapshot.files.first {
            throw .foreignDirectory(path, example: example)
        }
        let rendered = Set(output.files.map(\.path))
        let existing = Set(snapshot.files)
        var keep: [String] = []
        var remove: [String] = []
        for file in snapshot.files where !rendered.contains(file) && file != BundleLayout.manifest {
            if snapshot.trustcFiles.contains(file) {
                if output.coverage.covers(file) { remove.append(file) } else { keep.append(file) }
            } else if !prune {
                keep.append(file)
            }
        }
        if !prune, let collision = output.files.first(where: {
            existing.contains($0.path) && !snapshot.trustcFiles.contains($0.path)
        }) {
            throw .wouldOverwrite(collision.path)
        }
        var listing = output.files.map { (path: $0.path, sha256: $0.sha256) }
        for file in keep where snapshot.trustcFiles.contains(file) {
            guard let bytes = try? FileSystem.readFile("\(path)/\(file)", limit: Int.max) else { continue }
            listing.append((file, RenderedFile(path: file, contents: bytes).sha256))
        }
        return Update(write: output.files, keep: keep, remove: remove, manifest: OutputManifest.file(listing: listing, organization: output.organization))
    }

    /// What a write did: files written (the manifest included), files carried over, and the
    /// stale trustc files removed (sorted).
    public struct WriteResult: Sendable, Equatable {
        public var written: Int
        public var kept: Int
        public var removed: [String]
    }

    /// Writes the render atomically.
    @discardableResult
    public func write(_ output: RenderedOutput, prune: Bool = false) throws(Failure) -> WriteResult {
        let snapshot = try snapshot()
        let update = try update(output, snapshot: snapshot, prune: prune)
        let parent = Self.parent(of: path)
        let base = Self.baseName(of: path)
        try createParents(of: path)
        removeStaleTemporaries(in: parent, base: base)
        let temporary = "\(parent)/.\(base).trustc-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(temporary, 0o755) == 0 else {
            throw .io("cannot create `\(path)`: cannot write in `\(parent)`: \(String(cString: strerror(errno)))")
        }
        do throws(Failure) {
            let files = update.write + [update.manifest]
            try Self.createDirectories(for: files.map(\.path) + update.keep, under: temporary)
            try Self.writeFiles(files, under: temporary)
            for file in update.keep {
                if link("\(path)/\(file)", "\(temporary)/\(file)") != 0 {
                    guard let bytes = try? FileSystem.readFile("\(path)/\(file)", limit: Int.max) else {
                        throw .io("cannot carry over `\(path)/\(file)`")
                    }
                    try Self.writeFile("\(temporary)/\(file)", bytes)
                }
            }
            try swapIntoPlace(temporary, existed: snapshot.exists)
        } catch {
            Self.removeTree(temporary)
            throw error
        }
        return WriteResult(written: update.write.count + 1, kept: update.keep.count, removed: update.remove.sorted())
    }

    private func swapIntoPlace(_ temporary: String, existed: Bool) throws(Failure) {
        if !existed {
            guard rename(temporary, path) == 0 else {
                throw .io("cannot move the new output into `\(path)`: \(String(cString: strerror(errno)))")
            }
            return
        }
        if AtomicSwap.exchange(temporary, path) {
            Self.removeTree(temporary)
            return
        }
        // A file system without an atomic exchange: two renames, with a moment without `path`.
        let previous = temporary + ".previous"
        guard rename(path, previous) == 0 else {
            throw .io("cannot replace `\(path)`: \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, path) == 0 else {
            _ = rename(previous, path)
            throw .io("cannot replace `\(path)`: \(String(cString: strerror(errno)))")
        }
        Self.removeTree(previous)
    }

    /// Creates the directories above `output` that do not exist yet (`--out build/trust/out`);
    /// a file in the way is reported with the user's path, not a temporary one.
    private func createParents(of output: String) throws(Failure) {
        var missing: [String] = []
        var current = Self.parent(of: output)
        while current != "/" && current != "." {
            switch FileSystem.entryType(atPath: current, followLinks: true) {
            case .directory?:
                break
            case nil:
                missing.append(current)
                current = Self.parent(of: current)
                continue
            default:
                throw .io("cannot create `\(output)`: `\(current)` is not a directory")
            }
            break
        }
        for directory in missing.reversed() where mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw .io("cannot create `\(output)`: cannot create `\(directory)`: \(String(cString: strerror(errno)))")
        }
    }

    /// Removes temporary directories that killed runs left beside the output directory.
    private func removeStaleTemporaries(in parent: String, base: String) {
        guard let names = FileSystem.directoryEntries(atPath: parent) else { return }
        let prefix = ".\(base).trustc-"
        for name in names where name.hasPrefix(prefix) {
            let pidText = name.dropFirst(prefix.count).prefix { $0 != "-" }
            if let pid = Int32(pidText), pid != getpid(), kill(pid, 0) == 0 { continue }
            Self.removeTree("\(parent)/\(name)")
        }
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func baseName(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    /// Creates every parent directory of `paths` under `root`, parents before children, the
    /// directories of each depth in parallel (thousands of cluster directories).
    static func createDirectories(for paths: [String], under root: String) throws(Failure) {
        var known = Set<String>()
        var byDepth: [[String]] = []
        for relative in paths {
            // Path components are bytes between `/` (empty ones skipped, as `a//b` names `a/b`).
            let bytes = Array(relative.utf8)
            var current: [UInt8] = []
            var depth = 0
            var start = 0
            for index in bytes.indices where bytes[index] == UInt8(ascii: "/") {
                defer { start = index + 1 }
                guard index > start else { continue }
                if !current.isEmpty { current.append(UInt8(ascii: "/")) }
                current.append(contentsOf: bytes[start..<index])
                let directory = String(decoding: current, as: UTF8.self)
                if known.insert(directory).inserted {
                    if byDepth.count == depth { byDepth.append([]) }
                    byDepth[depth].append(directory)
                }
                depth += 1
            }
        }
        for directories in byDepth {
            let failures = ConcurrentScheduler().map(directories.chunked(into: 64)) { chunk -> Failure? in
                for directory in chunk where mkdir("\(root)/\(directory)", 0o755) != 0 && errno != EEXIST {
                    return .io("cannot create `\(root)/\(directory)`: \(String(cString: strerror(errno)))")
                }
                return nil
            }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        }
    }

    /// Writes the files under `root` (their directories exist), in parallel. The failure
    /// reported is the first in `files` order among those that occurred.
    private static func writeFiles(_ files: [RenderedFile], under root: String) throws(Failure) {
        let failures = ConcurrentScheduler().map(files.chunked(into: 64)) { chunk -> Failure? in
            for file in chunk {
                do throws(Failure) {
                    try writeFile("\(root)/\(file.path)", parts: file.parts)
                } catch {
                    return error
                }
            }
            return nil
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) throws(Failure) {
        try writeFile(path, parts: [bytes])
    }

    /// Creates the file `path` (which must not exist) holding `parts`, one after the other.
    static func writeFile(_ path: String, parts: [[UInt8]]) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io("cannot create `\(path)`: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        for bytes in parts {
            var offset = 0
            while offset < bytes.count {
                let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw .io("cannot write `\(path)`: \(String(cString: strerror(errno)))")
                }
                offset += count
            }
        }
    }

    /// Writes one file atomically: a temporary file beside it, then a rename.
    public static func writeFileAtomically(_ path: String, _ bytes: [UInt8]) throws(Failure) {
        let temporary = "\(parent(of: path))/.\(baseName(of: path)).trustc-\(getpid())"
        unlink(temporary)
        try writeFile(temporary, bytes)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .io("cannot write `\(path)`: \(String(cString: strerror(errno)))")
        }
    }

    /// Removes a directory tree without following symbolic links; the subtrees two levels down
    /// (environments' regions, say) in parallel.
    static func removeTree(_ path: String) {
        guard FileSystem.entryType(atPath: path) == .directory else {
            unlink(path)
            return
        }
        var subtrees: [String] = []
        var directories: [String] = []
        for (name, isDirectory) in FileSystem.directoryEntriesWithTypes(atPath: path) ?? [] {
            let child = "\(path)/\(name)"
            guard isDirectory else {
                unlink(child)
                continue
            }
            directories.append(child)
            for (grandchild, isDirectory) in FileSystem.directoryEntriesWithTypes(atPath: child) ?? [] {
                if isDirectory {
                    subtrees.append("\(child)/\(grandchild)")
                } else {
                    unlink("\(child)/\(grandchild)")
                }
            }
        }
        _ = ConcurrentScheduler().map(subtrees, removeDirectoryTree)
        for directory in directories { rmdir(directory) }
        rmdir(path)
    }

    /// Removes `path`, a directory, and everything in it.
    private static func removeDirectoryTree(_ path: String) {
        for (name, isDirectory) in FileSystem.directoryEntriesWithTypes(atPath: path) ?? [] {
            if isDirectory {
                removeDirectoryTree("\(path)/\(name)")
            } else {
                unlink("\(path)/\(name)")
            }
        }
        rmdir(path)
    }
}
