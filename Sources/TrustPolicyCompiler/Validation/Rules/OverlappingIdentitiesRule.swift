/// No two identities of one Notation policy overlap (TP208): notation-go rejects a policy in
/// which one subject's attributes are a subset of another's, and so would every cluster.
struct OverlappingIdentitiesRule: ValidationRule {
    static let codes: [DiagnosticCode] = [.overlappingIdentities]

    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector) {
        var reported = Set<[String]>()
        for environment in context.model.environments {
            // The registry-wide statement gathers the shared identities of several environments.
            for group in environment.ownPolicies + [environment.trust.registryWide].compactMap({ $0 }) {
                let parsed = group.identities.compactMap { name -> (SigningIdentity, DistinguishedName)? in
                    guard let identity = context.decoded.identities[name],
                          case .success(let dn) = DistinguishedName.parse(identity.subject.value) else { return nil }
                    return (identity, dn)
                }
                // Only identities that have every attribute of `subset` can contain it, so each
                // subject is compared with those sharing its rarest attribute, not with all of
                // them: thousands of identities in one policy stay fast.
                var holders: [DistinguishedName.Attribute: [Int]] = [:]
                for (index, (_, dn)) in parsed.enumerated() {
                    for attribute in Set(dn.attributes) { holders[attribute, default: []].append(index) }
                }
                for (subset, subsetDN) in parsed {
                    // An empty value matches a missing attribute (`isSubset`), so it narrows nothing.
                    let candidates = Set(subsetDN.attributes.filter { !$0.value.isEmpty }).map { holders[$0] ?? [] }
                        .min { $0.count < $1.count } ?? Array(parsed.indices)
                    for (superset, supersetDN) in candidates.map({ parsed[$0] })
                    where subset.name != superset.name && subsetDN.isSubset(of: supersetDN) {
                        // Identical subjects are subsets of each other: report the pair once.
                        guard reported.insert([subset.name, superset.name].sorted()).inserted else { continue }
                        diagnostics.emit(.overlappingIdentities,
                                         "the subject of `\(subset.name)` overlaps with that of `\(superset.name)`: both are trusted by policy `\(group.name)`, and notation-go rejects overlapping x509.subject identities",
                                         at: subset.subject.location,
                                         fix: "make the subjects differ in an attribute both have (e.g. OU or CN)",
                                         notes: [.init("`\(superset.name)`'s subject", at: superset.subject.location)])
                    }
                }
            }
        }
    }
}
