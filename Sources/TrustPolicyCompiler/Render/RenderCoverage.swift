/// What a render is responsible for in the output directory: every file an earlier render wrote
/// there that this render does not write is stale and is removed, so nothing the source no
/// longer produces keeps being applied by Flux or Argo CD. Files outside it are kept.
public enum RenderCoverage: Sendable, Equatable {
    /// A full render: the whole output directory, so a removed cluster, a cluster that moved
    /// region or environment, and a removed environment leave nothing behind.
    case everything
    /// A `--cluster` / `--environment` render: the policy definition, the base of every rendered
    /// environment, the whole directory of every selected environment, and each selected
    /// cluster's bundle wherever an earlier render put it (before a move).
    case selection(environments: Set<String>, bases: Set<String>, clusters: Set<String>)

    /// Whether `path` (relative to the output directory) is this render's to write or remove.
    public func covers(_ path: String) -> Bool {
        guard case .selection(let environments, let bases, let clusters) = self else { return true }
        if path == BundleLayout.policyDefinition { return true }
        let components = path.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        guard components.count > 1 else { return false }
        let environment = String(components[0])
        if environments.contains(environment) { return true }
        if components[1] == BundleLayout.baseDirectoryName { return bases.contains(environment) }
        return components.count > 3 && clusters.contains(String(components[2]))
    }
}
