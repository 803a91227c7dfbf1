/// The policy directory: the only place trustc reads from.
///
/// Every path it hands out is relative to the directory, and nothing outside it is ever read:
/// `..` in a reference, absolute paths and symbolic links that lead outside are reported instead.
public struct PolicyDirectory: Sendable {
    public enum OpenError: Error, Equatable, CustomStringConvertible {
        case notFound(String)
        case notADirectory(String)

        public var description: String {
            switch self {
            case .notFound(let path): "policy directory `\(path)` does not exist"
            case .notADirectory(let path): "`\(path)` is not a directory"
            }
        }
    }

    /// The directory as the user named it.
    public let path: String
    /// Its canonical absolute path, against which every link target is checked.
    let realRoot: String

    public init(path: String) throws(OpenError) {
        guard let real = FileSystem.realPath(path) else { throw .notFound(path) }
        guard FileSystem.entryType(atPath: real) == .directory else { throw .notADirectory(path) }
        self.path = path
        self.realRoot = real
    }

    /// A regular file found in the directory.
    struct Entry: Sendable {
        var relative: String
        var absolute: String
        var size: Int
    }

    /// Every regular file whose name `matches`, skipping hidden entries (`.git`, ...) and
    /// reporting symbolic links that lead outside the directory. Sorted by path.
    ///
    /// The tree is walked a level at a time, the directories of a level listed on all cores
    /// (a large repository has thousands of files, each needing an `lstat`); results are taken
    /// in path order, so a directory reached by two paths is always reached by the same one.
    func walk(_ matches: @Sendable (String) -> Bool, diagnostics: inout DiagnosticCollector) -> [Entry] {
        var found: [Entry] = []
        var visited: Set<String> = [realRoot]
        var level: [Folder] = [Folder(relative: "", absolute: realRoot)]
        while !level.isEmpty {
            let listings = ConcurrentScheduler().map(level) { list($0, matches) }
            level = []
            for listing in listings {
                diagnostics.merge(listing.diagnostics)
                found.append(contentsOf: listing.files)
                for folder in listing.folders where visited.insert(folder.absolute).inserted { level.append(folder) }
            }
        }
        return found.sorted { $0.relative < $1.relative }
    }

    /// A directory of the tree being walked.
    private struct Folder: Sendable {
        var relative: String
        var absolute: String
    }

    /// What one directory holds: its matching files and its subdirectories, by name.
    private struct Listing: Sendable {
        var files: [Entry] = []
        var folders: [Folder] = []
        var diagnostics = DiagnosticCollector()
    }

    private func list(_ folder: Folder, _ matches: (String) -> Bool) -> Listing {
        var listing = Listing()
        let (relative, absolute) = (folder.relative, folder.absolute)
        guard let names = FileSystem.directoryEntries(atPath: absolute) else {
            listing.diagnostics.emit(.unreadableFile, "cannot read the directory `\(relative.isEmpty ? "." : relative)`",
                                     at: relative.isEmpty ? nil : .file(relative))
            return listing
        }
        // A render into the policy directory (`trustc render . --out out`) must never be read
        // back as policy: its kustomizations and bundles are YAML too.
        if names.contains(BundleLayout.manifest) {
            listing.diagnostics.emit(.renderedOutputSkipped,
                                     "`\(relative.isEmpty ? "." : relative + "/")` holds trustc's rendered output (\(BundleLayout.manifest)); it is not read as policy",
                                     at: .file(relative.isEmpty ? BundleLayout.manifest : relative + "/" + BundleLayout.manifest))
            return listing
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            var childAbsolute = absolute + "/" + name
            var type = FileSystem.entryType(atPath: childAbsolute)
            if type == .symbolicLink {
                guard let target = FileSystem.realPath(childAbsolute) else {
                    // A dangling link or a loop: a policy file that silently went missing.
                    if matches(name) {
                        listing.diagnostics.emit(.unreadableFile,
                                                 "the symbolic link `\(childRelative)` leads to no file (its target is missing, or links loop); it is ignored",
                                                 at: .file(childRelative), fix: "replace the link with the file itself")
                    }
                    continue
                }
                guard contains(target) else {
                    if matches(name) || FileSystem.entryType(atPath: target) == .directory {
                        listing.diagnostics.emit(.pathOutsidePolicyDirectory,
                                                 "the symbolic link `\(childRelative)` leads outside the policy directory; it is ignored",
                                                 at: .file(childRelative), fix: "replace the link with the file itself")
                    }
                    continue
                }
                childAbsolute = target
                type = FileSystem.entryType(atPath: target)
            }
            switch type {
            case .directory?:
                listing.folders.append(Folder(relative: childRelative, absolute: childAbsolute))
            case .file(let size)? where matches(name):
                listing.files.append(Entry(relative: childRelative, absolute: childAbsolute, size: size))
            default:
                continue
            }
        }
        return listing
    }

    /// Every `*.yaml` / `*.yml` file, sorted by path, skipping hidden entries (`.git`, ...).
    public func readYAMLFiles(limits: LoaderLimits) -> (files: [SourceFile], diagnostics: DiagnosticCollector) {
        var diagnostics = DiagnosticCollector()
        var found = walk(\.isYAMLFileName, diagnostics: &diagnostics)
        if found.count > limits.maxFiles {
            diagnostics.emit(.tooManyFiles,
                             "the policy directory holds \(found.count) YAML files; the limit is \(limits.maxFiles), so this file and the files after it (by path) are not read",
                             at: .file(found[limits.maxFiles].relative),
                             fix: "point trustc at the policy directory itself, not a parent of it")
            found.removeSubrange(limits.maxFiles...)
        }
        // Which files to read is decided from their sizes first; the reading (thousands of
        // open/read/close calls) then runs on all cores, and the results are taken in path order
        // so files and diagnostics come out exactly as if read one by one.
        enum Step {
            case tooLarge(Entry)
            case read(Entry)
            case overTotal(Entry)
        }
        var steps: [Step] = []
        var total = 0
        for entry in found {
            if entry.size > limits.maxFileBytes {
                steps.append(.tooLarge(entry))
                continue
            }
            total += entry.size
            if total > limits.maxTotalBytes {
                steps.append(.overTotal(entry))
                break
            }
            steps.append(.read(entry))
        }
        let limit = limits.maxFileBytes
        let contents = ConcurrentScheduler().map(steps.chunked(into: 32)) { chunk in
            chunk.map { step -> Result<[UInt8], FileSystem.ReadError>? in
                guard case .read(let entry) = step else { return nil }
                return Result { () throws(FileSystem.ReadError) in try FileSystem.readFile(entry.absolute, limit: limit) }
            }
        }.joined()
        var files: [SourceFile] = []
        for (step, content) in zip(steps, contents) {
            switch step {
            case .tooLarge(let entry):
                diagnostics.emit(.fileTooLarge,
                                 "the file is \(entry.size) bytes; the limit is \(limits.maxFileBytes) bytes",
                                 at: .file(entry.relative), fix: "split the resources over several files")
            case .overTotal(let entry):
                diagnostics.emit(.inputTooLarge,
                                 "the policy directory holds more than \(limits.maxTotalBytes) bytes of YAML; files from here on are not read",
                                 at: .file(entry.relative))
            case .read(let entry):
                switch content {
                case .success(let bytes)?:
                    files.append(SourceFile(path: entry.relative, bytes: bytes))
                case .failure(let error)?:
                    diagnostics.emit(.unreadableFile, "cannot read the file: \(error)", at: .file(entry.relative))
                case nil:
                    break
                }
            }
        }
        return (files, diagnostics)
    }

    /// Why a path written in a source file cannot be used.
    public enum ReferenceError: Error, Equatable {
        case absolute
        case escapes
        case invalidCharacters
        case linkEscapes
        case missing
    }

    /// Resolves `reference` (as written in `file`, relative to that file's folder) to a path
    /// relative to the policy directory, refusing anything that leaves the directory.
    public func resolve(_ reference: String, from file: String) -> Result<String, ReferenceError> {
        if reference.hasPrefix("/") || reference.hasPrefix("\\") || reference.hasPrefix("~") { return .failure(.absolute) }
        if reference.isEmpty || reference.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) {
            return .failure(.invalidCharacters)
        }
        var components = file.split(separator: "/").dropLast().map(String.init)
        for part in reference.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return .failure(.escapes) }
                components.removeLast()
            default: components.append(String(part))
            }
        }
        let relative = components.joined(separator: "/")
        guard let real = FileSystem.realPath(realRoot + "/" + relative) else { return .failure(.missing) }
        guard contains(real) else { return .failure(.linkEscapes) }
        return .success(relative)
    }

    /// Reads a file by its policy-relative path (as returned by `resolve`).
    public func read(_ relative: String, limit: Int) throws(FileSystem.ReadError) -> [UInt8] {
        try FileSystem.readFile(realRoot + "/" + relative, limit: limit)
    }

    private func contains(_ real: String) -> Bool {
        real == realRoot || real.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/")
    }
}

extension String {
    var isYAMLFileName: Bool { hasSuffix(".yaml") || hasSuffix(".yml") }
}
