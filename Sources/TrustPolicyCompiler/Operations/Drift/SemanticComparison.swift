/// Compares two JSON values by meaning and returns the paths where they differ: object members
/// in any order, numbers by value, lists of scalars as sets (Notation's scopes, identities and
/// stores, Ratify's providers and Azure Policy's namespaces have no order), lists of objects
/// with unique names matched by name, other lists element by element.
enum SemanticComparison {
    static func differences(_ expected: JSONValue, _ actual: JSONValue) -> [String] {
        var paths: [String] = []
        compare(expected, actual, at: "", into: &paths)
        return paths
    }

    private static func compare(_ expected: JSONValue, _ actual: JSONValue, at path: String, into paths: inout [String]) {
        switch (expected, actual) {
        case (.object(let left), .object(let right)):
            let rightByKey = Dictionary(right.map { ($0.key, $0.value) }) { first, _ in first }
            let leftKeys = Set(left.map(\.key))
            for member in left {
                let memberPath = JSONPath.member(member.key, of: path)
                guard let other = rightByKey[member.key] else {
                    paths.append(memberPath)
                    continue
                }
                compare(member.value, other, at: memberPath, into: &paths)
            }
            for member in right where !leftKeys.contains(member.key) {
                paths.append(JSONPath.member(member.key, of: path))
            }
        case (.array(let left), .array(let right)):
            compareLists(left, right, at: path, into: &paths)
        default:
            if !sameScalar(expected, actual) { paths.append(path) }
        }
    }

    private static func compareLists(_ left: [JSONValue], _ right: [JSONValue], at path: String, into paths: inout [String]) {
        if left.allSatisfy(\.isScalar) && right.allSatisfy(\.isScalar) {
            if !sameMultiset(left, right) { paths.append(path) }
        } else if let leftNames = uniqueNames(left), let rightNames = uniqueNames(right) {
            let rightIndex = Dictionary(uniqueKeysWithValues: rightNames.enumerated().map { ($1, $0) })
            for (index, name) in leftNames.enumerated() {
                guard let other = rightIndex[name] else {
                    paths.append(JSONPath.element(index, of: path))
                    continue
                }
                compare(left[index], right[other], at: JSONPath.element(index, of: path), into: &paths)
            }
            let known = Set(leftNames)
            for (index, name) in rightNames.enumerated() where !known.contains(name) {
                paths.append(JSONPath.element(index, of: path))
            }
        } else if left.count == right.count {
            for index in left.indices {
                compare(left[index], right[index], at: JSONPath.element(index, of: path), into: &paths)
            }
        } else {
            paths.append(path)
        }
    }

    /// Equal scalars; an integer equals a number with the same value (`10` and `10.0`).
    static func sameScalar(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.integer(let x), .double(let y)), (.double(let y), .integer(let x)): Double(x) == y
        default: a == b
        }
    }

    private static func sameMultiset(_ left: [JSONValue], _ right: [JSONValue]) -> Bool {
        guard left.count == right.count else { return false }
        if left == right { return true }
        var counts: [String: Int] = [:]
        for value in left { counts[value.scalarKey, default: 0] += 1 }
        for value in right { counts[value.scalarKey, default: 0] -= 1 }
        return counts.values.allSatisfy { $0 == 0 }
    }

    /// The `name` of every element when each is an object with a distinct string `name`.
    private static func uniqueNames(_ items: [JSONValue]) -> [String]? {
        let names = items.compactMap { $0["name"]?.stringValue }
        return names.count == items.count && Set(names).count == names.count ? names : nil
    }
}

/// Paths into a JSON document as drift reports them: `spec.parameters.trustPolicyDoc`,
/// `trustPolicies[1]`, and `metadata.labels["app.kubernetes.io/managed-by"]` for keys that are
/// not plain words.
enum JSONPath {
    static func member(_ key: String, of path: String) -> String {
        let plain = !key.isEmpty && key.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"): true
            default: false
            }
        }
        if plain { return path.isEmpty ? key : "\(path).\(key)" }
        return "\(path)[\(JSONValue.string(key).compact())]"
    }

    static func element(_ index: Int, of path: String) -> String { "\(path)[\(index)]" }
}

extension JSONValue {
    var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    /// A key that equal scalars share (numbers by value).
    fileprivate var scalarKey: String {
        switch self {
        case .integer(let value): "n\(Double(value))"
        case .double(let value): "n\(value)"
        default: compact()
        }
    }
}
