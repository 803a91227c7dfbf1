/// The decode stage: turns syntax documents into typed resources (docs/format.md), reporting every
/// shape problem of every document.
public struct ResourceDecoder: Sendable {
    public static let apiVersion = "trustc/v1"

    /// A decoded document. `resource` is `nil` when a required part is missing or unusable;
    /// `declaredName` is still set then, so references to it do not produce follow-on errors.
    public struct Decoded: Sendable {
        public var kind: ResourceKind
        public var declaredName: Located<String>?
        public var resource: (any Resource)?
    }

    public init() {}

    public func decode(_ document: SyntaxDocument) -> (decoded: Decoded?, diagnostics: DiagnosticCollector) {
        let diagnostics = DecodeDiagnostics()
        let decoded = decode(document, diagnostics: diagnostics)
        return (decoded, diagnostics.collector)
    }

    private func decode(_ document: SyntaxDocument, diagnostics: DecodeDiagnostics) -> Decoded? {
        guard case .mapping = document.root.content else {
            diagnostics.emit(.documentNotMapping,
                             "a document must be a mapping with apiVersion, kind, metadata and spec, not \(document.root.kindDescription)",
                             at: document.root.location)
            return nil
        }
        if let foreign = Self.foreignDocument(document.root) {
            diagnostics.emit(.foreignDocumentSkipped, "\(foreign); the document is skipped", at: document.root.location)
            return nil
        }
        guard var envelope = MappingReader(document.root, path: "", diagnostics: diagnostics) else { return nil }
        defer { envelope.finish() }
        if let version = envelope.string("apiVersion"), version.value != Self.apiVersion {
            diagnostics.emit(.unsupportedAPIVersion, "apiVersion must be `\(Self.apiVersion)`, not `\(version.value)`",
                             at: version.location, fix: "write `apiVersion: \(Self.apiVersion)`")
        }
        guard let kindText = envelope.string("kind") else {
            _ = envelope.node("metadata", required: false)
            _ = envelope.node("spec", required: false)
            return nil
        }
        guard let kind = ResourceKind(rawValue: kindText.value) else {
            let kinds = ResourceKind.allCases.map(\.rawValue)
            diagnostics.emit(.unknownKind,
                             "`\(kindText.value)` is not a kind trustc knows.\(Suggestion.didYouMean(kindText.value, in: kinds))",
                             at: kindText.location, fix: "use one of \(kinds.joined(separator: ", "))")
            _ = envelope.node("metadata", required: false)
            _ = envelope.node("spec", required: false)
            return nil
        }
        let metadata = decodeMetadata(&envelope, diagnostics: diagnostics, document: document)
        guard var spec = envelope.mapping("spec") else {
            return Decoded(kind: kind, declaredName: metadata?.name, resource: nil)
        }
        defer { spec.finish() }
        // Without usable metadata (an invalid name, say) the spec is still decoded, so that its
        // own problems are reported and its fields are not all called unknown; the resource is
        // then dropped.
        let decodedMetadata = metadata ?? ResourceMetadata(name: Located("", at: document.root.location), labels: [],
                                                           location: document.root.location)
        let resource: (any Resource)?
        switch kind {
        case .organization: resource = Organization(spec: &spec, metadata: decodedMetadata)
        case .environment: resource = Environment(spec: &spec, metadata: decodedMetadata)
        case .registry: resource = Registry(spec: &spec, metadata: decodedMetadata)
        case .signingIdentity: resource = SigningIdentity(spec: &spec, metadata: decodedMetadata)
        case .team: resource = Team(spec: &spec, metadata: decodedMetadata)
        case .cluster: resource = Cluster(spec: &spec, metadata: decodedMetadata)
        }
        return Decoded(kind: kind, declaredName: metadata?.name, resource: spec.isComplete && metadata != nil ? resource : nil)
    }

    /// Why a document is not trustc's, if it is not: an `apiVersion` of another group (`apps/v1`,
    /// `kustomize.config.k8s.io/v1beta1`), or neither an `apiVersion` nor a trustc `kind` (Helm
    /// values, a workflow). A document with `apiVersion: trustc/...` or a trustc kind is decoded,
    /// so its mistakes are reported rather than skipped.
    static func foreignDocument(_ root: SyntaxNode) -> String? {
        guard case .mapping(let entries) = root.content else { return nil }
        func scalar(_ key: String) -> String? {
            guard let entry = entries.first(where: { $0.key.value == key }), case .scalar(let value) = entry.value.content else { return nil }
            return value.text
        }
        let version = scalar("apiVersion"), kind = scalar("kind")
        if let version {
            let group = version.split(separator: "/", maxSplits: 1).first.map(String.init) ?? version
            return group == "trustc" ? nil : "`apiVersion: \(version)` is not trustc's (`\(Self.apiVersion)`)"
        }
        if let kind, ResourceKind(rawValue: kind) != nil { return nil }
        return kind.map { "`kind: \($0)` is not a trustc kind and there is no apiVersion" } ?? "there is neither an apiVersion nor a kind"
    }

    private func decodeMetadata(_ envelope: inout MappingReader, diagnostics: DecodeDiagnostics,
                                document: SyntaxDocument) -> ResourceMetadata? {
        guard var metadata = envelope.mapping("metadata") else { return nil }
        defer { metadata.finish() }
        let name = metadata.string("name")
        if let name, !ResourceName.isValid(name.value) {
            diagnostics.emit(.invalidName, "`\(name.value)` is not a valid name: \(ResourceName.rule)",
                             at: name.location, fix: ResourceName.suggestion(for: name.value).map { "for example `\($0)`" })
        }
        var labels: [Label] = []
        if let node = metadata.node("labels", required: false),
           let reader = MappingReader(node, path: "metadata.labels", diagnostics: diagnostics) {
            labels = reader.labels(diagnostics: diagnostics)
        }
        guard let name, ResourceName.isValid(name.value) else { return nil }
        return ResourceMetadata(name: name, labels: labels, location: document.root.location)
    }
}

/// The format's rule for resource names, which also keeps them safe as path segments and as
/// parts of Kubernetes and Azure names.
public enum ResourceName {
    public static let maxLength = 40
    public static let rule = "use lowercase letters, digits and '-', start with a letter, at most \(maxLength) characters"

    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= maxLength, (97...122).contains(first) else { return false }
        return bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }
    }

    /// A valid name close to an invalid one (`Payments_API` → `payments-api`).
    static func suggestion(for name: String) -> String? {
        var result = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty && !result.hasSuffix("-") {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        while let first = result.first, !first.isLetter { result.removeFirst() }
        result = String(result.prefix(maxLength))
        return result.isEmpty || result == name ? nil : result
    }
}

extension MappingReader {
    /// `metadata.labels`: Kubernetes label keys and values, string to string.
    func labels(diagnostics: DecodeDiagnostics) -> [Label] {
        entriesForLabels.compactMap { entry in
            guard let value = diagnostics.string(entry.value, field: "metadata.labels.\(entry.key.value)") else { return nil }
            if !KubernetesNames.isLabelKey(entry.key.value) {
                diagnostics.emit(.invalidLabel, "`\(entry.key.value)` is not a valid Kubernetes label key", at: entry.key.location)
            }
            if !KubernetesNames.isLabelValue(value.value) {
                diagnostics.emit(.invalidLabel, "`\(value.value)` is not a valid Kubernetes label value", at: value.location)
            }
            return Label(key: entry.key, value: value)
        }
    }
}
