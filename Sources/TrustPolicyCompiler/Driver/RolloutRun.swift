/// `rollout`: compiles the policy, reads the violation and compliance exports, gives every
/// warn-stage namespace its verdict and, when asked, edits the cluster files to move the ready
/// ones to deny.
extension CompilerDriver {
    public enum RolloutEditMode: Sendable, Equatable {
        /// The report only.
        case none
        /// The edit, as a diff.
        case print
        /// The edit, applied to the cluster files (each replaced atomically) and shown as a diff.
        case write
    }

    public struct RolloutRequest: Sendable {
        public var directory: String
        /// Gatekeeper constraint exports: files, or directories whose `*.json` files are read;
        /// each file is the cluster its name says (`<cluster>.json`).
        public var violations: [String]
        /// `az policy state list` exports.
        public var compliance: [String]
        /// `--cluster` (with one violations file, the cluster it belongs to whatever its name).
        public var clusters: Set<String>
        public var environments: Set<String>
        public var edit: RolloutEditMode
        public var options: Options

        public init(directory: String, violations: [String], compliance: [String] = [], clusters: Set<String> = [],
                    environments: Set<String> = [], edit: RolloutEditMode = .none, options: Options) {
            self.directory = directory
            self.violations = violations
            self.compliance = compliance
            self.clusters = clusters
            self.environments = environments
            self.edit = edit
            self.options = options
        }
    }

    public enum RolloutOutcome: Sendable {
        case sourceHasErrors(Compilation)
        /// `--cluster` or `--environment` names something the source does not have.
        case unknownSelection(kind: String, name: String)
        /// Exports that could not be read at all (missing, not a file, too large).
        case unreadableInput([String])
        /// The report, and what the exports left out or could not say.
        case assessed(RolloutReport, problems: [ExportProblem])
        /// `print` or `write`: the edit, and whether it was written.
        case edited(DenyEdit, written: Bool, report: RolloutReport, problems: [ExportProblem])
        /// The edited source would not validate: nothing was written (a defect of trustc).
        case editHasErrors(Compilation)
        case writeFailed(String)
    }

    /// Largest export read; `kubectl` and `az` print far less for thousands of clusters.
    public static let maxExportBytes = 256 << 20

    public static func rollout(_ request: RolloutRequest) throws(PolicyDirectory.OpenError) -> RolloutOutcome {
        let options = request.options
        // One after the other, each on all cores: run side by side, each would get one core and
        // the export reading, which is soon done, would leave its core idle.
        let compilation = try compile(directory: request.directory, options: options)
        let exports = readExports(request)
        guard !compilation.hasErrors else { return .sourceHasErrors(compilation) }
        let model = compilation.model
        if let unknown = request.clusters.sorted().first(where: { model.cluster(named: $0) == nil }) {
            return .unknownSelection(kind: "cluster", name: unknown)
        }
        if let unknown = request.environments.sorted().first(where: { model.environment(named: $0) == nil }) {
            return .unknownSelection(kind: "environment", name: unknown)
        }
        guard exports.unreadable.isEmpty else { return .unreadableInput(exports.unreadable) }

        let selected = model.clusters.filter { cluster in
            (request.clusters.isEmpty || request.clusters.contains(cluster.name))
                && (request.environments.isEmpty || request.environments.contains(cluster.environment))
        }
        var problems: [ExportProblem] = []
        var violations: [String: [GatekeeperConstraintExport]] = [:]
        let clusterNames = Set(model.clusters.map(\.name))
        for (cluster, export) in exports.violations {
            if clusterNames.contains(cluster) {
                violations[cluster, default: []].append(export)
            } else {
                problems.append(ExportProblem("names no cluster of the policy (a violations export is named `<cluster>.json`): not read",
                                              at: ExportPosition(file: export.file)))
            }
        }
        let assessed = RolloutAssessment(model: model, today: options.today)
            .assess(selected, violations: violations, compliance: request.compliance.isEmpty ? nil : exports.compliance, scheduler: scheduler)
        problems += assessed.problems
        let report = assessed.report
        guard request.edit != .none else { return .assessed(report, problems: problems) }

        let edit = DenyEditor(today: options.today, enforcement: model.organization.enforcement.value)
            .edit(report.entries.filter { $0.verdict == .ready }, clusters: selected, files: compilation.files, directory: request.directory)
        if !edit.files.isEmpty {
            let editedPaths = Dictionary(edit.files.map { ($0.path, $0.edited) }, uniquingKeysWith: { first, _ in first })
            let files = compilation.files.map { file in SourceFile(path: file.path, bytes: editedPaths[file.path] ?? file.bytes) }
            let reader = compilation.directory.map { CertificateReader(directory: $0, limit: options.limits.maxCertificateBytes) }
            let recompiled = compile(files, directory: compilation.directory, readDiagnostics: DiagnosticCollector(), options: options,
                                     certificates: { reader?.read(for: $0) ?? CertificateFiles() })
            if recompiled.hasErrors { return .editHasErrors(recompiled) }
        }
        guard request.edit == .write else { return .edited(edit, written: false, report: report, problems: problems) }
        for file in edit.files {
            let path = request.directory.hasSuffix("/") ? request.directory + file.path : request.directory + "/" + file.path
            do {
                try OutputDirectory.writeFileAtomically(path, file.edited)
            } catch {
                return .writeFailed("\(error)")
            }
        }
        return .edited(edit, written: true, report: report, problems: problems)
    }

    /// Every export named in the request, read and parsed on all cores.
    private struct Exports: Sendable {
        /// Cluster (from the file name, or `--cluster`) and export, in the order given.
        var violations: [(cluster: String, export: GatekeeperConstraintExport)] = []
        var compliance: [PolicyStateExport] = []
        var unreadable: [String] = []
    }

    private static func readExports(_ request: RolloutRequest) -> Exports {
        var exports = Exports()
        var files: [(path: String, cluster: String?)] = []
        // `--cluster NAME --violations FILE`: the file is NAME's, whatever it is called.
        let named = request.clusters.count == 1 && request.violations.count == 1 ? request.clusters.first : nil
        for path in request.violations {
            switch FileSystem.entryType(atPath: path, followLinks: true) {
            case .directory?:
                guard let names = FileSystem.directoryEntries(atPath: path) else {
                    exports.unreadable.append("\(path): cannot list the directory")
                    continue
                }
                for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
                    files.append(("\(path.hasSuffix("/") ? String(path.dropLast()) : path)/\(name)", String(name.dropLast(5))))
                }
            case nil:
                exports.unreadable.append("\(path): no such file or directory")
            default:
                files.append((path, named ?? baseName(path)))
            }
        }
        files += request.compliance.map { ($0, nil) }
        let parsed = scheduler.map(files) { file -> Result<Parsed, ExportReadFailure> in
            let bytes: [UInt8]
            do {
                bytes = try FileSystem.readFile(file.path, limit: maxExportBytes)
            } catch {
                return .failure(ExportReadFailure(message: "\(file.path): \(error)"))
            }
            guard let cluster = file.cluster else { return .success(.compliance(PolicyStateReader.read(bytes, file: file.path))) }
            return .success(.violations(cluster, GatekeeperConstraintReader.read(bytes, file: file.path)))
        }
        for result in parsed {
            switch result {
            case .success(.violations(let cluster, let export)): exports.violations.append((cluster, export))
            case .success(.compliance(let export)): exports.compliance.append(export)
            case .failure(let failure): exports.unreadable.append(failure.message)
            }
        }
        return exports
    }

    private enum Parsed: Sendable {
        case violations(String, GatekeeperConstraintExport)
        case compliance(PolicyStateExport)
    }

    private struct ExportReadFailure: Error, Sendable {
        var message: String
    }

    /// `aks-prod-weu-1` for `exports/aks-prod-weu-1.json`.
    private static func baseName(_ path: String) -> String {
        let name = OutputDirectory.baseName(of: path)
        return name.hasSuffix(".json") ? String(name.dropLast(5)) : name
    }
}
