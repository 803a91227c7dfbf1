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
        // Every scalar of every document comes through here (twice for most fields), so the
        // first byte decides which of the core schema's forms can match at all: most scalars
        // are names, and no other form starts with a letter other than n, t, f (any case).
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            if text == "~" || text == "null" || text == "Null" || text == "NULL" { return .null }
            return .string(text)
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            if let value = boolean(text) { return .boolean(value) }
            return .string(text)
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            if let value = integer(text) { return .integer(value) }
            if isFloat(text) { return .float }
            return .string(text)
        default:
            return .string(text)
        }
    }

    /// `resolve(scalar) == .null`, without building the resolved value.
    static func isNull(_ scalar: SyntaxNode.Scalar) -> Bool {
        switch scalar.tag {
        case .null?: return true
        case .mapping?, .sequence?, nil: break
        default: return false
        }
        guard scalar.style == .plain else { return false }
        let text = scalar.text
        guard let first = text.utf8.first else { return true }
        guard first == UInt8(ascii: "~") || first == UInt8(ascii: "n") || first == UInt8(ascii: "N") else { return false }
        return text == "~" || text == "null" || text == "Null" || text == "NULL"
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
        withUTF8(text) { bytes -> Int? in
            guard let first = bytes.first else { return nil }
            if bytes.count >= 2, first == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "o") || bytes[1] == UInt8(ascii: "x") {
                // Rare; `Int(_:radix:)` keeps its exact reading (it also takes a sign).
                return Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[2...]), as: UTF8.self),
                           radix: bytes[1] == UInt8(ascii: "o") ? 8 : 16)
            }
            var index = 0
            let negative = first == UInt8(ascii: "-")
            if negative || first == UInt8(ascii: "+") { index = 1 }
            guard index < bytes.count else { return nil }
            var magnitude = 0
            while index < bytes.count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = shifted.addingReportingOverflow(Int(digit))
                // Out of range: not an integer (it is then a float), as `Int(_:)` decided.
                if overflow1 || overflow2 {
                    while index < bytes.count {
                        guard bytes[index] &- UInt8(ascii: "0") < 10 else { return nil }
                        index += 1
                    }
                    return nil
                }
                magnitude = sum
                index += 1
            }
            return negative ? -magnitude : magnitude
        }
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)`, `\.(nan|NaN|NAN)`.
    static func isFloat(_ text: String) -> Bool {
        withUTF8(text) { bytes -> Bool in
            // Most scalars are words: rule them out before anything else.
            guard let first = bytes.first,
                  first == UInt8(ascii: ".") || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first &- UInt8(ascii: "0") < 10
            else { return false }
            var index = 0
            if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { index = 1 }
            if bytes.count - index == 4, bytes[index] == UInt8(ascii: ".") {
                let word = (bytes[index + 1], bytes[index + 2], bytes[index + 3])
                let n = UInt8(ascii: "n"), a = UInt8(ascii: "a"), i = UInt8(ascii: "i"), f = UInt8(ascii: "f")
                let N = UInt8(ascii: "N"), A = UInt8(ascii: "A"), I = UInt8(ascii: "I"), F = UInt8(ascii: "F")
                if word == (i, n, f) || word == (I, n, f) || word == (I, N, F) { return true }
                if index == 0, word == (n, a, n) || word == (N, a, N) || word == (N, A, N) { return true }
            }
            func digits() -> Int {
                let start = index
                while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
                return index - start
            }
            let integral = digits()
            var fraction = 0
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                fraction = digits()
            } else if integral == 0 {
                return false
            }
            guard integral + fraction > 0 else { return false }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
                guard digits() > 0 else { return false }
            }
            return index == bytes.count
        }
    }

    /// Runs `body` over the UTF-8 bytes of `text` without copying them when the string is
    /// native (it always is for text the loader read).
    @inline(__always)
    static func withUTF8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Plain scalars that YAML 1.1 tools (PyYAML, go-yaml v2, older kubectl) read as booleans.
    static func isYAML11Boolean(_ text: String) -> Bool {
        guard text.utf8.count <= 3 else { return false }
        switch text {
        case "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF": return true
        default: return false
        }
    }
}
