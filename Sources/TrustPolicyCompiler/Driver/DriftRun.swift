/// `drift`: compiles the source, renders one cluster's objects in memory and compares them with
/// a live export read from a file or a folder of files.
extension CompilerDriver {
    public struct DriftRequest: Sendable {
        public var directory: String
        /// An export file, or a folder of them (`.yaml`, `.yml`, `.json`).
        public var live: String
        public var cluster: String
        public var options: Options

        public init(directory: String, live: String, cluster: String, options: Options) {
            self.directory = directory
            self.live = live
            self.cluster = cluster
            self.options = options
        }
    }

    public enum DriftOutcome: Sendable {
        case sourceHasErrors(Compilation)
        /// `--cluster` names no cluster of the source; `suggestion` is the closest name.
        case unknownCluster(String, suggestion: String?)
        /// No export could be read: why, file by file.
        case nothingReadable([ExportProblem])
        case compared(DriftReport)
    }

    /// Export files in a folder: these extensions, hidden files left out.
    static let exportExtensions = [".yaml", ".yml", ".json"]

    public static func drift(_ request: DriftRequest) throws(PolicyDirectory.OpenError) -> DriftOutcome {
        // One after the other: side by side, the compilation would get one core of two while
        // the export's reading is soon done.
        let compilation = try compile(directory: request.directory, options: request.options)
        let live = readLiveExport(request.live)
        guard !compilation.hasErrors else { return .sourceHasErrors(compilation) }
        let model = compilation.model
        guard let cluster = model.cluster(named: request.cluster) else {
            return .unknownCluster(request.cluster, suggestion: Suggestion.closest(to: request.cluster, in: model.clusters.map(\.name)))
        }
        guard !live.isEmpty else { return .nothingReadable(live.problems) }
        let rendered = CompilerPipeline(limits: request.options.limits).renderer.objects(of: cluster, model: model)
        return .compared(DriftDetector().report(rendered: rendered, live: live, cluster: cluster, model: model))
    }

    /// Reads `path`, a file or a folder of export files, on all cores.
    static func readLiveExport(_ path: String) -> LiveExport {
        let limit = LoaderLimits.liveExport.maxFileBytes
        var files = [path]
        if FileSystem.entryType(atPath: path, followLinks: true) == .directory {
            guard let entries = FileSystem.directoryEntries(atPath: path) else { return .unreadable(path, reason: "cannot list the folder") }
            files = entries.filter { name in !name.hasPrefix(".") && exportExtensions.contains { name.hasSuffix($0) } }
                .sorted().map { path.hasSuffix("/") ? path + $0 : "\(path)/\($0)" }
            if files.isEmpty {
                return .unreadable(path, reason: "the folder holds no \(exportExtensions.joined(separator: ", ")) file")
            }
        }
        var export = LiveExport()
        for part in scheduler.map(files, { file in
            do {
                return LiveExport.read(try FileSystem.readFile(file, limit: limit), file: file)
            } catch {
                return .unreadable(file, reason: "\(error)")
            }
        }) {
            export.merge(part)
        }
        return export
    }
}
