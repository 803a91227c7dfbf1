/// Every object `render` would write fits where it goes: above 262,144 bytes client-side
/// `kubectl apply` (and Argo CD's default sync) cannot record it (TP800, a warning: server-side
/// apply can); above 1,572,864 bytes etcd cannot store it at all (TP801, an error, so the source
/// no longer renders). Registry granularity keeps a Verifier to a few kilobytes.
struct ObjectSizeRule: ValidationRule {
    static let codes: [DiagnosticCode] = [.objectTooLargeForClientSideApply, .objectTooLargeToStore]

    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector) {
        for size in BundleRenderer().objectSizes(context.model) where size.bytes > ObjectSizeLimits.clientSideApply {
            let (what, location) = describe(size.owner, context)
            let object = "\(size.kind) `\(size.name)` \(what) is \(size.bytes) bytes as JSON"
            let shrink = "use `scopeGranularity: registry` (one `*` statement and a registry guard instead of a scope per repository), or fewer repositories or registries"
            if size.bytes > ObjectSizeLimits.storage {
                diagnostics.emit(.objectTooLargeToStore,
                                 "\(object), more than the \(ObjectSizeLimits.storage) bytes etcd stores in one object: the cluster cannot hold it, so it is not rendered",
                                 at: location, fix: shrink)
            } else {
                diagnostics.emit(.objectTooLargeForClientSideApply,
                                 "\(object), more than the \(ObjectSizeLimits.clientSideApply) bytes client-side `kubectl apply` records in its last-applied-configuration annotation: apply it server-side (Flux always does; Argo CD with `ServerSideApply=true`)",
                                 at: location, fix: shrink)
            }
        }
    }

    private func describe(_ owner: RenderedObjectSize.Owner, _ context: ValidationContext) -> (String, SourceLocation?) {
        switch owner {
        case .environment(let name):
            return ("of environment `\(name)`", context.decoded.environments[name]?.metadata.name.location)
        case .restrictedNamespaces(let environment, let teams):
            let namespace = context.model.clusters.lazy.filter { $0.environment == environment }.flatMap { cluster in
                zip(cluster.enforcement.namespaces, cluster.namespaces).filter {
                    if case .namespaced(let trust) = $0.0.verifier { trust.teams == teams } else { false }
                }.map(\.1)
            }.first
            return ("of the namespaces of environment `\(environment)` limited to \(teams.map { "`\($0)`" }.joined(separator: ", "))",
                    namespace?.trustedTeams.first?.location)
        case .cluster(let name):
            return ("of cluster `\(name)`", context.decoded.clusters[name]?.metadata.name.location)
        }
    }
}
