/// YAML 1.2 core-schema resolution of plain scalars, as Kubernetes tooling reads them:
/// `off`, `no`, `yes` and dates are strings; `true`, `14` and `1e3` are not.
public enum CoreSchema {
    /// What a scalar resolves to under the core schema.
    public enum Resolved: Equatable, Sendable, CustomStringConvertible {
        case string(String)
        case integer(Int)
        case float
        case boolean(Bool)
        case null

        public var description: String {
            switch self {
            case .string: "a string"
            case .integer(let value): "the integer \(value)"
            case .float: "a floating-point number"
            case .boolean(let value): "the boolean \(value)"
            case .null: "null"
            }
        }
    }

    public static func resolve(_ scalar: SyntaxNode.Scalar) -> Resolved {
        switch scalar.tag {
        case .string?, .nonSpecific?: return .string(scalar.text)
        case .integer?: return integer(scalar.text).map(Resolved.integer) ?? .string(scalar.text)
        case .boolean?: return boolean(scalar.text).map(Resolved.boolean) ?? .string(scalar.text)
        case .null?: return .null
        case .float?: return .float
        case .mapping?, .sequence?, nil: break
        }
        guard scalar.style == .plain else { return .string(scalar.text) }
        let text = scalar.text
        if text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL" { return .null }
        if let value = boolean(text) { return .boolean(value) }
        if let value = integer(text) { return .integer(value) }
        if isFloat(text) { return .float }
        return .string(text)
    }

    static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`.
    static func integer(_ text: String) -> Int? {
        var body = Substring(text)
        if body.hasPrefix("0o") { return Int(body.dropFirst(2), radix: 8) }
        if body.hasPrefix("0x") { return Int(body.dropFirst(2), radix: 16) }
        var negative = false
        if body.first == "-" || body.first == "+" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty, body.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        guard let magnitude = Int(body) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)`, `\.(nan|NaN|NAN)`.
    static func isFloat(_ text: String) -> Bool {
        // Most scalars are words: rule them out before building anything.
        guard let first = text.utf8.first,
              first == UInt8(ascii: ".") || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || (48...57).contains(first)
        else { return false }
        let special: Set<String> = [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
                                    ".nan", ".NaN", ".NAN"]
        if special.contains(text) { return true }
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            let count = bytes.prefix { (48...57).contains($0) }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        let integral = digits()
        var fraction = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fraction = digits()
        } else if integral == 0 {
            return false
        }
        guard integral + fraction > 0 else { return false }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// Plain scalars that YAML 1.1 tools (PyYAML, go-yaml v2, older kubectl) read as booleans.
    static func isYAML11Boolean(_ text: String) -> Bool {
        ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
         "on", "On", "ON", "off", "Off", "OFF"].contains(text)
    }
}
