/// What a cluster runs, as read from one or more export files: the Kubernetes objects of
/// `kubectl get ... -o yaml|json` and the assignments of `az policy assignment list -o json`,
/// in any mix of files, with every part that could not be read.
public struct LiveExport: Sendable {
    public var objects: [LiveObject] = []
    public var assignments: [LiveAssignment] = []
    /// Whether a `kubectl get` export was read (an empty List counts): only then are missing
    /// Kubernetes objects drift.
    public var hasKubernetesExport = false
    /// Whether an assignment list was read (`[]` counts).
    public var hasAssignmentExport = false
    /// Sorted by position.
    public var problems: [ExportProblem] = []

    public init() {}

    /// Nothing could be read: no file held an export.
    public var isEmpty: Bool { !hasKubernetesExport && !hasAssignmentExport }

    /// Reads one file's bytes; `file` names it in positions.
    public static func read(_ bytes: [UInt8], file: String, limits: LoaderLimits = .liveExport) -> LiveExport {
        var export = LiveExport()
        let documents = ExportDocuments(bytes, file: file, limits: limits)
        export.problems = documents.problems
        for document in documents.documents {
            if let (objects, problems) = KubectlList.objects(in: document) {
                export.objects += objects
                export.problems += problems
                export.hasKubernetesExport = true
            } else if let (assignments, problems) = PolicyAssignmentList.assignments(in: document) {
                export.assignments += assignments
                export.problems += problems
                export.hasAssignmentExport = true
            } else {
                export.problems.append(ExportProblem(
                    "neither `kubectl get -o yaml|json` output (a List, or an object with apiVersion and kind) nor `az policy assignment list -o json` output (a list of assignments)",
                    at: document.position))
            }
        }
        return export
    }

    /// A file that could not be read at all.
    public static func unreadable(_ file: String, reason: String) -> LiveExport {
        var export = LiveExport()
        export.problems = [ExportProblem("cannot read the file: \(reason)", at: ExportPosition(file: file))]
        return export
    }

    /// `other`'s objects, assignments and problems after this export's.
    public mutating func merge(_ other: LiveExport) {
        objects += other.objects
        assignments += other.assignments
        hasKubernetesExport = hasKubernetesExport || other.hasKubernetesExport
        hasAssignmentExport = hasAssignmentExport || other.hasAssignmentExport
        problems = (problems + other.problems).sorted { $0.position < $1.position }
    }
}
