/// `render --check`: compares what the source would render with what the output directory
/// holds, without writing anything, for CI jobs that keep committed bundles in sync.
public struct OutputDifference: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// Would be written but is absent.
        case missing
        /// Present with other content (edited by hand, or the source changed).
        case changed
        /// A trustc file the source no longer produces.
        case stale
    }

    public var kind: Kind
    public var path: String

    public var description: String {
        switch kind {
        case .missing: "missing:  \(path)"
        case .changed: "changed:  \(path)"
        case .stale: "stale:    \(path)"
        }
    }
}

extension OutputDirectory {
    /// What `render --check` found: how many files the render makes (besides the manifest)
    /// and every difference from the directory, sorted by path.
    public struct CheckResult: Sendable, Equatable {
        public var files: Int
        public var differences: [OutputDifference]
    }

    /// Compares the render with the directory unit by unit, reading each rendered file's
    /// counterpart as the unit is made. Files trustc did not write are ignored unless the render
    /// would overwrite them.
    public func check(_ render: some RenderUnits) throws(Failure) -> CheckResult {
        let snapshot = try snapshot()
        try refuseForeign(snapshot, prune: false)
        let existing = Set(snapshot.files)
        let path = path
        let (rendered, found) = try Self.eachUnit(of: render) { files in
            files.compactMap { file in Self.difference(file, in: path, existing: existing) }
        }
        let update = try update(rendered: rendered, of: render, snapshot: snapshot, prune: false)
        var differences = Array(found.joined())
        differences += [Self.difference(update.manifest, in: path, existing: existing)].compactMap { $0 }
        differences += update.remove.map { OutputDifference(kind: .stale, path: $0) }
        return CheckResult(files: rendered.count, differences: differences.sorted { $0.path < $1.path })
    }

    /// How `file` differs from its counterpart under `directory`, if it does.
    private static func difference(_ file: RenderedFile, in directory: String, existing: Set<String>) -> OutputDifference? {
        guard existing.contains(file.path) else { return OutputDifference(kind: .missing, path: file.path) }
        let current = try? FileSystem.readFile("\(directory)/\(file.path)", limit: Int.max)
        return current == file.contents ? nil : OutputDifference(kind: .changed, path: file.path)
    }
}
