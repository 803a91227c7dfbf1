/// What `drift` says about an object beyond its paths: the trust-policy statements, scopes,
/// identities and trust stores of a verifier, the certificates of a key management provider and
/// the effect and namespaces of an assignment that the live object adds or lacks. A missing
/// object lacks all of its content and an extra one adds all of it, so one comparison serves
/// the three changes.
enum DriftDetails {
    /// `expected` is the rendered object, `actual` the live one (both without server fields);
    /// `nil` for the side that does not exist.
    static func details(kind: String, expected: JSONValue?, actual: JSONValue?) -> [String] {
        switch kind {
        case RatifyKind.verifier.rawValue, RatifyKind.namespacedVerifier.rawValue:
            let e = expected?["spec"]?["parameters"], a = actual?["spec"]?["parameters"]
            return statements(e?["trustPolicyDoc"], a?["trustPolicyDoc"])
                + trustStores(e?["verificationCertStores"], a?["verificationCertStores"])
        case RatifyKind.keyManagementProvider.rawValue, RatifyKind.namespacedKeyManagementProvider.rawValue:
            let e = expected?["spec"]?["parameters"], a = actual?["spec"]?["parameters"]
            return changes("certificate", certificates(e), certificates(a))
        case DriftEntry.policyAssignmentKind:
            let e = expected?["properties"]?["parameters"], a = actual?["properties"]?["parameters"]
            let changed = changes("effect", strings(e?["effect"]?["value"]), strings(a?["effect"]?["value"]))
                + changes("namespace", strings(e?["namespaces"]?["value"]), strings(a?["namespaces"]?["value"]))
            // Every assignment excludes the same namespaces: worth naming only when they changed.
            guard expected != nil, actual != nil else { return changed }
            return changed + changes("excluded namespace", strings(e?["excludedNamespaces"]?["value"]),
                                     strings(a?["excludedNamespaces"]?["value"]))
        default:
            return []
        }
    }

    /// `<noun> x removed [from <container>]` for what only `expected` has, then `<noun> x added
    /// [to <container>]` for what only `actual` has, each in its list's order.
    static func changes(_ noun: String, _ expected: [String], _ actual: [String], of container: String? = nil) -> [String] {
        let old = Set(expected), new = Set(actual)
        return expected.filter { !new.contains($0) }.map { "\(noun) \($0) removed" + (container.map { " from \($0)" } ?? "") }
            + actual.filter { !old.contains($0) }.map { "\(noun) \($0) added" + (container.map { " to \($0)" } ?? "") }
    }

    /// Statements by name; for those on both sides, their scopes, identities, trust stores and
    /// verification level.
    private static func statements(_ expected: JSONValue?, _ actual: JSONValue?) -> [String] {
        let old = named(expected?["trustPolicies"]), new = named(actual?["trustPolicies"])
        let newNames = Set(new.map(\.name)), oldNames = Set(old.map(\.name))
        var result = old.filter { !newNames.contains($0.name) }.map { "statement `\($0.name)` removed (\(scopeCount($0.value)))" }
        result += new.filter { !oldNames.contains($0.name) }.map { "statement `\($0.name)` added (\(scopeCount($0.value)))" }
        let newByName = Dictionary(new.map { ($0.name, $0.value) }) { first, _ in first }
        for (name, statement) in old {
            guard let live = newByName[name] else { continue }
            let container = "statement `\(name)`"
            result += changes("scope", strings(statement["registryScopes"]), strings(live["registryScopes"]), of: container)
            result += changes("identity", strings(statement["trustedIdentities"]), strings(live["trustedIdentities"]), of: container)
            result += changes("trust store", strings(statement["trustStores"]), strings(live["trustStores"]), of: container)
            let level = statement["signatureVerification"]?["level"], liveLevel = live["signatureVerification"]?["level"]
            if level != liveLevel {
                result.append("verification level \(show(level)) → \(show(liveLevel)) in \(container)")
            }
        }
        return result
    }

    /// `verificationCertStores` (`{ca: {identity: [provider]}}`): stores, then their providers.
    private static func trustStores(_ expected: JSONValue?, _ actual: JSONValue?) -> [String] {
        let old = providersByStore(expected), new = providersByStore(actual)
        var result = changes("verification cert store", old.map { "`\($0.store)`" }, new.map { "`\($0.store)`" })
        let newByStore = Dictionary(new.map { ($0.store, $0.providers) }) { first, _ in first }
        for (store, providers) in old {
            guard let live = newByStore[store] else { continue }
            result += changes("provider", providers, live, of: "trust store `\(store)`")
        }
        return result
    }

    private static func providersByStore(_ stores: JSONValue?) -> [(store: String, providers: [String])] {
        guard case .object(let types)? = stores else { return [] }
        return types.flatMap { type -> [(store: String, providers: [String])] in
            guard case .object(let identities) = type.value else { return [] }
            return identities.map { ("\(type.key):\($0.key)", strings($0.value)) }
        }
    }

    /// An inline provider's PEM certificates, or the versions a Key Vault provider pins.
    private static func certificates(_ parameters: JSONValue?) -> [String] {
        if let pem = parameters?["value"]?.stringValue {
            let certificates = CertificateInspector.inspect(Array(pem.utf8)).certificates
            guard !certificates.isEmpty else { return ["`\(pem.prefix(40))…` (not a PEM certificate)"] }
            return certificates.map { "`\($0.sha256Fingerprint.prefix(12))` (\($0.subject), valid until \($0.validUntil))" }
        }
        return parameters?["certificates"]?.arrayValue?.map { certificate in
            let version = certificate["version"]?.stringValue ?? ""
            return "`\(certificate["name"]?.stringValue ?? "?")` version `\(version.isEmpty ? "latest" : version)` in Key Vault"
        } ?? []
    }

    private static func named(_ list: JSONValue?) -> [(name: String, value: JSONValue)] {
        (list?.arrayValue ?? []).map { ($0["name"]?.stringValue ?? "?", $0) }
    }

    private static func scopeCount(_ statement: JSONValue) -> String {
        counted(statement["registryScopes"]?.arrayValue?.count ?? 0, "scope")
    }

    /// Strings of a list, or the one string; other values as JSON.
    private static func strings(_ value: JSONValue?) -> [String] {
        switch value {
        case nil: []
        case .array(let items)?: items.map(show)
        case let value?: [show(value)]
        }
    }

    private static func show(_ value: JSONValue?) -> String {
        guard let value else { return "(none)" }
        return value.stringValue.map { "`\($0)`" } ?? value.compact()
    }
}
