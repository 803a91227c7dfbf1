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

    /// Refuses a directory that has files but no manifest, unless they are to be pruned:
    /// nothing in it is trustc's, so rendering there would mix trees.
    func refuseForeign(_ snapshot: Snapshot, prune: Bool) throws(Failure) {
        if snapshot.exists, !snapshot.hasManifest, !prune, let example = snapshot.files.first {
            throw .foreignDirectory(path, example: example)
        }
    }

    /// A rendered file as the output manifest lists it.
    struct ListedFile: Sendable {
        var path: String
        var sha256: String
    }

    /// The tree after a render: the rendered files (already made), plus what is kept from the
    /// current directory.
    struct Update {
        /// Existing files carried over unchanged (relative paths).
        var keep: [String]
        /// trustc files that are no longer produced.
        var remove: [String]
        var manifest: RenderedFile
    }

    func update(rendered: [ListedFile], of render: some RenderUnits, snapshot: Snapshot, prune: Bool) throws(Failure) -> Update {
        let renderedPaths = Set(rendered.map(\.path))
        var keep: [String] = []
        var remove: [String] = []
        for file in snapshot.files where !renderedPaths.contains(file) && file != BundleLayout.manifest {
            if snapshot.trustcFiles.contains(file) {
                if render.coverage.covers(file) { remove.append(file) } else { keep.append(file) }
            } else if !prune {
                keep.append(file)
            }
        }
        if !prune, let collision = snapshot.files.first(where: {
            renderedPaths.contains($0) && !snapshot.trustcFiles.contains($0)
        }) {
            throw .wouldOverwrite(collision)
        }
        var listing = rendered.map { (path: $0.path, sha256: $0.sha256) }
        for file in keep where snapshot.trustcFiles.contains(file) {
            guard let bytes = try? FileSystem.readFile("\(path)/\(file)", limit: Int.max) else { continue }
            listing.append((file, RenderedFile(path: file, contents: bytes).sha256))
        }
        return Update(keep: keep, remove: remove, manifest: OutputManifest.file(listing: listing, organization: render.organization))
    }

    /// Makes every unit of `render` and hands its files to `body`, units on all cores, each
    /// unit's files dropped once `body` returns; returns every file made, as listed, and what
    /// `body` returned for each unit, in unit order. The failure reported is the first in unit
    /// order among those that occurred.
    static func eachUnit<Found: Sendable>(
        of render: some RenderUnits, _ body: @Sendable ([RenderedFile]) throws(Failure) -> Found
    ) throws(Failure) -> (files: [ListedFile], found: [Found]) {
        let results = ConcurrentScheduler().map(Array(0..<render.unitCount)) { index -> Result<([ListedFile], Found), Failure> in
            let files = render.files(ofUnit: index)
            do throws(Failure) {
                let found = try body(files)
                return .success((files.map { ListedFile(path: $0.path, sha256: $0.sha256) }, found))
            } catch {
                return .failure(error)
            }
        }
        var listed: [ListedFile] = []
        var found: [Found] = []
        for result in results {
            switch result {
            case .success(let unit):
                listed += unit.0
                found.append(unit.1)
            case .failure(let failure):
                throw failure
            }
        }
        return (listed, found)
    }

    /// What a write did: files written (the manifest included), files carried over, and the
    /// stale trustc files removed (sorted).
    public struct WriteResult: Sendable, Equatable {
        public var written: Int
        public var kept: Int
        public var removed: [String]
    }

    /// Writes the render atomically: each unit is made and written into a staging directory
    /// beside the output, then the files kept from the current tree are linked in, and the
    /// staging directory is swapped into place.
    @discardableResult
    public func write(_ render: some RenderUnits, prune: Bool = false) throws(Failure) -> WriteResult {
        let snapshot = try snapshot()
        try refuseForeign(snapshot, prune: prune)
        let parent = Self.parent(of: path)
        let base = Self.baseName(of: path)
        try createParents(of: path)
        removeStaleTemporaries(in: parent, base: base)
        let temporary = "\(parent)/.\(base).trustc-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(temporary, 0o755) == 0 else {
            throw .io("cannot create `\(path)`: cannot write in `\(parent)`: \(String(cString: strerror(errno)))")
        }
        do throws(Failure) {
            let written = try Self.eachUnit(of: render) { files throws(Failure) in
                try Self.createDirectories(for: files.map(\.path), under: temporary)
                for file in files { try Self.writeFile("\(temporary)/\(file.path)", parts: file.parts) }
            }.files
            let update = try update(rendered: written, of: render, snapshot: snapshot, prune: prune)
            try Self.writeFile("\(temporary)/\(update.manifest.path)", parts: update.manifest.parts)
            try carryOver(update.keep, into: temporary)
            try swapIntoPlace(temporary, existed: snapshot.exists)
            return WriteResult(written: written.count + 1, kept: update.keep.count, removed: update.remove.sorted())
        } catch {
            Self.removeTree(temporary)
            throw error
        }
    }

    /// Links (or, across devices, copies) the files kept from the current tree into the
    /// staging directory, a chunk of files per unit of work.
    private func carryOver(_ files: [String], into temporary: String) throws(Failure) {
        let path = path
        let failures = ConcurrentScheduler().map(files.chunked(into: 256)) { chunk -> Failure? in
            do throws(Failure) {
                try Self.createDirectories(for: Array(chunk), under: temporary)
                for file in chunk where link("\(path)/\(file)", "\(temporary)/\(file)") != 0 {
                    guard let bytes = try? FileSystem.readFile("\(path)/\(file)", limit: Int.max) else {
                        throw .io("cannot carry over `\(path)/\(file)`")
                    }
                    try Self.writeFile("\(temporary)/\(file)", bytes)
                }
            } catch {
                return error
            }
            return nil
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
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

    /// Creates every parent directory of `paths` under `root` that this call has not already
    /// made, parents before children. Units run at once and share parents, so a directory that
    /// already exists is not an error.
    static func createDirectories(for paths: [String], under root: String) throws(Failure) {
        var known = Set<String>()
        for relative in paths {
            // Path components are bytes between `/` (empty ones skipped, as `a//b` names `a/b`).
            let bytes = Array(relative.utf8)
            var current: [UInt8] = []
            var start = 0
            for index in bytes.indices where bytes[index] == UInt8(ascii: "/") {
                defer { start = index + 1 }
                guard index > start else { continue }
                if !current.isEmpty { current.append(UInt8(ascii: "/")) }
                current.append(contentsOf: bytes[start..<index])
                let directory = String(decoding: current, as: UTF8.self)
                if known.insert(directory).inserted, mkdir("\(root)/\(directory)", 0o755) != 0, errno != EEXIST {
                    throw .io("cannot create `\(root)/\(directory)`: \(String(cString: strerror(errno)))")
                }
            }
        }
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
