/// One object whose live state differs from what the source renders for the cluster.
public struct DriftEntry: Sendable, Hashable {
    public enum Change: String, Sendable, Hashable, CaseIterable {
        /// Rendered, not live.
        case missing
        /// Live, not rendered: of a kind trustc renders, or carrying trustc's marks.
        case extra
        /// Both, different.
        case changed
    }

    /// The `kind` of an Azure Policy assignment.
    public static let policyAssignmentKind = "PolicyAssignment"

    /// The Kubernetes kind, or `PolicyAssignment`.
    public var kind: String
    public var name: String
    /// `nil` for cluster-scoped kinds and assignments.
    public var namespace: String?
    public var change: Change
    /// `changed`: the JSON paths that differ, in the rendered object's order.
    public var paths: [String]
    /// The statements, scopes, identities, trust stores, certificates and namespaces the live
    /// object adds or lacks.
    public var details: [String]
    /// Where the live object was read (`nil` when missing).
    public var position: ExportPosition?
}

/// What `trustc drift` found for one cluster.
public struct DriftReport: Sendable {
    public var cluster: String
    public var environment: String
    public var region: String
    /// Sorted by kind, namespace and name.
    public var drift: [DriftEntry]
    /// Which parts of the bundle were compared: only those an export was given for.
    public var comparedKubernetes: Bool
    public var comparedAssignments: Bool
    /// Objects and assignments the source renders for the cluster, of the parts compared.
    public var renderedObjects: Int
    public var renderedAssignments: Int
    /// Objects of kinds that are not Ratify's, by kind: ignored.
    public var unknownKinds: [String: Int]
    /// Ratify objects of kinds trustc does not render, without trustc's label, by kind: ignored.
    public var unmanaged: [String: Int]
    /// Assignments that are not trustc's (another name, definition and author): ignored.
    public var otherAssignments: Int
    /// The scopes of trustc's assignments for other scopes than the cluster's, sorted: other
    /// clusters of a resource group listed with `--disable-scope-strict-match`, or an export of
    /// another cluster.
    public var otherScopes: [String]
    /// trustc's assignments on the cluster's scope in the export.
    public var liveAssignments: Int
    /// Parts of the export that could not be read, or were listed twice.
    public var problems: [ExportProblem]

    public var hasDrift: Bool { !drift.isEmpty }
}
