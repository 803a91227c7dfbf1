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
    /// Every difference between the directory and the render, sorted by path. Files trustc did
    /// not write are ignored unless the render would overwrite them.
    public func differences(from output: RenderedOutput) throws(Failure) -> [OutputDifference] {
        let snapshot = try snapshot()
        let update = try update(output, snapshot: snapshot, prune: false)
        let existing = Set(snapshot.files)
        var differences: [OutputDifference] = []
        for file in update.write + [update.manifest] {
            guard existing.contains(file.path) else {
                differences.append(OutputDifference(kind: .missing, path: file.path))
                continue
            }
            let current = try? FileSystem.readFile("\(path)/\(file.path)", limit: Int.max)
            if current != file.contents {
                differences.append(OutputDifference(kind: .changed, path: file.path))
            }
        }
        differences += update.remove.map { OutputDifference(kind: .stale, path: $0) }
        return differences.sorted { $0.path < $1.path }
    }
}
