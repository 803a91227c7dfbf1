/// A YAML syntax tree as the JSON value it means to Kubernetes: scalars resolved with the YAML
/// 1.2 core schema (`"1.0"` and `off` are strings, `10` an integer, `true` a boolean, `~` and an
/// empty value null), mappings as objects in the order written. Live exports printed as YAML are
/// compared with rendered objects through this, so YAML style never counts.
extension SyntaxNode {
    public var json: JSONValue {
        switch content {
        case .scalar(let scalar):
            switch CoreSchema.resolve(scalar) {
            case .string(let text): .string(text)
            case .integer(let value): .integer(value)
            case .boolean(let value): .bool(value)
            case .null: .null
            case .float: CoreSchema.floatValue(scalar.text).map(JSONValue.double) ?? .string(scalar.text)
            }
        case .mapping(let entries): .object(entries.map { JSONValue.Member($0.key.value, $0.value.json) })
        case .sequence(let items): .array(items.map(\.json))
        }
    }
}

extension CoreSchema {
    /// The value of a core-schema float (`1e3`, `.5`, `-.inf`, `.nan`), `nil` for other text.
    static func floatValue(_ text: String) -> Double? {
        let unsigned = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        switch unsigned.lowercased() {
        case ".inf": return text.hasPrefix("-") ? -.infinity : .infinity
        case ".nan": return unsigned == text[...] ? .nan : nil
        default: return isFloat(text) ? Double(text) : nil
        }
    }
}
