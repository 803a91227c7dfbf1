/// The safety net behind the planner's descriptions: an environment's base (its trust policy,
/// trust stores and Ratify manifests, shared by every cluster of the environment) rendered from
/// both sides and compared file by file, so that an environment whose clusters receive different
/// files is named even when no description applies (Key Vault references, a renamed
/// certificate file, ...).
///
/// Only bases are compared: what a cluster's own bundle holds besides the base (assignments,
/// namespaced verifiers and the kustomization listing them) is fully described by the
/// planner's cluster comparison, and rendering every cluster's bundle would cost as much as a
/// whole render for each side.
enum RenderedDifferences {
    /// Paths inside the base that differ, sorted; empty when the environment is missing on a side.
    static func environmentFiles(_ name: String, base: ResolvedPolicy, head: ResolvedPolicy) -> [String] {
        guard let old = base.environment(named: name), let new = head.environment(named: name) else { return [] }
        let renderer = BundleRenderer()
        let before = files(renderer.environmentBaseFiles(old, model: base))
        let after = files(renderer.environmentBaseFiles(new, model: head))
        return Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }

    private static func files(_ files: [RenderedFile]) -> [String: String] {
        Dictionary(files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
    }
}
