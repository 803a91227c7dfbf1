/// Clusters have a real region (TP501) and AKS resource id (TP502), valid and unique namespace
/// names (TP508, TP605), do not stage always-excluded namespaces (TP606), and are warned when
/// their region has no replica of a registry they pull from (TP215), and namespaces limited to
/// some teams still trust something (TP216).
struct ClusterRule: ValidationRule {
    static let codes: [DiagnosticCode] = [.invalidRegion, .invalidResourceID, .invalidNamespace, .duplicateNamespace,
                                          .excludedNamespaceListed, .clusterRegionWithoutReplica, .namespaceTrustsNothing]

    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector) {
        let source = context.decoded
        let excluded = Set(context.model.organization.excludedNamespaces.map(\.value))
        // Indexed once: thousands of clusters, environments and registries must not mean a scan
        // of all of them per cluster.
        let resolvedClusters = context.model.clusters
        let resolvedIndex = Dictionary(resolvedClusters.indices.map { (resolvedClusters[$0].name, $0) },
                                       uniquingKeysWith: { first, _ in first })
        let environments = Dictionary(context.model.environments.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let registriesByEnvironment = Dictionary(grouping: context.model.registries, by: \.environment.value)
        let regionsOfRegistry = Dictionary(context.model.registries.map { ($0.name, Set($0.regions.map(\.value))) },
                                           uniquingKeysWith: { first, _ in first })
        for name in source.clusterNames {
            guard let cluster = source.clusters[name] else { continue }
            if !IdentifierFormats.isRegion(cluster.region.value) {
                diagnostics.emit(.invalidRegion, "`\(cluster.region.value)` is not an Azure region name (lowercase letters and digits)",
                                 at: cluster.region.location, fix: "write the region as `az account list-locations` names it, e.g. westeurope")
            }
            if !IdentifierFormats.isManagedClusterResourceID(cluster.resourceID.value) {
                diagnostics.emit(.invalidResourceID, "`\(cluster.resourceID.value)` is not an AKS managed-cluster resource id",
                                 at: cluster.resourceID.location,
                                 fix: "copy it from `az aks show --query id`: /subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.ContainerService/managedClusters/<name>")
            }
            var seen: [String: SourceLocation] = [:]
            seen.reserveCapacity(cluster.namespaces.count)
            // By index: binding each namespace would copy (retain) all of its fields.
            for index in cluster.namespaces.indices {
                let namespaceName = cluster.namespaces[index].name
                let value = namespaceName.value
                if !KubernetesNames.isDNSLabel(value) {
                    diagnostics.emit(.invalidNamespace, "`\(value)` is not a valid Kubernetes namespace name",
                                     at: namespaceName.location, fix: "use lowercase letters, digits and '-', at most 63 characters")
                }
                if let first = seen[value] {
                    diagnostics.emit(.duplicateNamespace, "namespace `\(value)` is listed twice in cluster `\(name)`",
                                     at: namespaceName.location, fix: "keep one entry per namespace",
                                     notes: [.init("first listed here", at: first)])
                }
                seen[value] = namespaceName.location
                if excluded.contains(value) {
                    diagnostics.emit(.excludedNamespaceListed,
                                     "namespace `\(value)` is excluded from enforcement organisation-wide; its stage has no effect",
                                     at: namespaceName.location, fix: "remove it, or remove it from the organisation's `excludedNamespaces`")
                }
            }
            if let resolvedAt = resolvedIndex[name], resolvedClusters[resolvedAt].enforcement.namespaceTrust.contains(where: { $0.policies.isEmpty }) {
                let resolved = resolvedClusters[resolvedAt]
                var namespaces: [String: Cluster.Namespace] = [:]
                for namespace in cluster.namespaces where namespaces[namespace.name.value] == nil {
                    namespaces[namespace.name.value] = namespace
                }
                for trust in resolved.enforcement.namespaceTrust where trust.policies.isEmpty {
                    guard let namespace = namespaces[trust.namespace],
                          trust.teams.allSatisfy({ source.teams[$0] != nil }) else { continue }
                    diagnostics.emit(.namespaceTrustsNothing,
                                     "namespace `\(trust.namespace)` trusts only \(trust.teams.map { "`\($0)`" }.joined(separator: ", ")), which have no repository that `\(cluster.environment.value)` trusts: every image would be rejected",
                                     at: namespace.trustedTeams[0].location,
                                     fix: "list teams that deploy to `\(cluster.environment.value)`, or remove `trustedTeams`")
                }
            }
            guard let environment = environments[cluster.environment.value] else { continue }
            let registries = ([environment.name] + environment.trustedEnvironments).flatMap { trusted in
                registriesByEnvironment[trusted] ?? []
            }
            let withoutReplica = registries.filter { !(regionsOfRegistry[$0.name]?.contains(cluster.region.value) ?? false) }
            // One warning per registry, up to a few; beyond that one warning sums them up, so
            // thousands of clusters and registries cannot produce millions of warnings.
            let shown = 10
            if withoutReplica.count > shown {
                diagnostics.emit(.clusterRegionWithoutReplica,
                                 "cluster `\(name)` in `\(cluster.region.value)` pulls from \(withoutReplica.count - shown) more registries without a replica in `\(cluster.region.value)`: images cross regions",
                                 at: cluster.region.location, fix: "add `\(cluster.region.value)` to those registries' regions")
            }
            for registry in withoutReplica.prefix(shown) {
                diagnostics.emit(.clusterRegionWithoutReplica,
                                 "cluster `\(name)` in `\(cluster.region.value)` pulls from `\(registry.loginServer.value)`, which has no replica in `\(cluster.region.value)`: images cross regions",
                                 at: cluster.region.location, fix: "add `\(cluster.region.value)` to registry `\(registry.name)`'s regions",
                                 notes: [.init("`\(registry.name)`'s regions", at: registry.metadata.name.location)])
            }
        }
    }
}
