/// Registries have well-formed, unique login servers (TP500, TP210) and real region names (TP501).
struct RegistryRule: ValidationRule {
    static let codes: [DiagnosticCode] = [.invalidLoginServer, .duplicateLoginServer, .invalidRegion]

    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector) {
        var servers: [String: Registry] = [:]
        let registries = context.decoded.registries.values.sorted { $0.metadata.location < $1.metadata.location }
        for registry in registries {
            let server = registry.loginServer
            if !IdentifierFormats.isLoginServer(server.value) {
                diagnostics.emit(.invalidLoginServer,
                                 "`\(server.value)` is not a registry host name (lowercase, optionally with :port, no scheme or path)",
                                 at: server.location, fix: Self.suggestion(for: server.value).map { "write `\($0)`" })
            } else if let first = servers[server.value] {
                diagnostics.emit(.duplicateLoginServer,
                                 "registries `\(first.name)` and `\(registry.name)` have the same login server `\(server.value)`",
                                 at: server.location, fix: "list the regions of one registry under a single Registry resource",
                                 notes: [.init("`\(first.name)` uses it here", at: first.loginServer.location)])
            } else {
                servers[server.value] = registry
            }
            for region in registry.regions where !IdentifierFormats.isRegion(region.value) {
                diagnostics.emit(.invalidRegion, "`\(region.value)` is not an Azure region name (lowercase letters and digits)",
                                 at: region.location, fix: "write the region as `az account list-locations` names it, e.g. westeurope")
            }
        }
    }

    /// `https://Contoso.azurecr.io/` → `contoso.azurecr.io`.
    static func suggestion(for server: String) -> String? {
        var text = Substring(server)
        for scheme in ["https://", "http://", "oci://"] where text.lowercased().hasPrefix(scheme) {
            text = text.dropFirst(scheme.count)
        }
        if let slash = text.firstIndex(of: "/") { text = text[..<slash] }
        let candidate = text.lowercased()
        return candidate != server && IdentifierFormats.isLoginServer(candidate) ? candidate : nil
    }
}
