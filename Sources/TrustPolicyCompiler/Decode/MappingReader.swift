/// Reads the fields of one YAML mapping into typed, located values, reporting every problem
/// (missing and unknown fields, wrong types, bad values) instead of stopping at the first.
///
/// Every field asked for is remembered, so `finish()` can report the fields nobody asked for as
/// unknown, with a did-you-mean among the known ones.
/// Where a mapping is in its document (`spec.namespaces[3]`), for messages. Built into text only
/// when a message needs it: decoding 40,000 namespaces built 40,000 such strings for nothing.
struct FieldPath: ExpressibleByStringLiteral, CustomStringConvertible {
    var prefix: String
    var index: Int?

    init(_ prefix: String, index: Int? = nil) {
        self.prefix = prefix
        self.index = index
    }

    init(stringLiteral value: String) {
        self.init(value)
    }

    var isEmpty: Bool { index == nil && prefix.isEmpty }

    var description: String { index.map { "\(prefix)[\($0)]" } ?? prefix }
}

struct MappingReader {
    let location: SourceLocation
    private let fieldPathValue: FieldPath
    /// Where the mapping is in its document (`spec.keyVault`), for messages.
    var path: String { fieldPathValue.description }
    private let entries: [SyntaxNode.Entry]
    private var known: [String] = []
    private let diagnostics: DecodeDiagnostics
    /// False once a required field is missing or unusable; the resource is then left out of the
    /// later stages (its name is still declared, so references to it do not cascade).
    private(set) var isComplete = true

    init?(_ node: SyntaxNode, path: FieldPath, diagnostics: DecodeDiagnostics) {
        guard case .mapping(let entries) = node.content else {
            diagnostics.emit(.wrongType, "`\(path)` must be a mapping, not \(node.kindDescription)", at: node.location)
            return nil
        }
        self.entries = entries
        self.location = node.location
        self.fieldPathValue = path
        self.diagnostics = diagnostics
        // One allocation instead of growing 1, 2, 4, 8 as fields are asked for.
        known.reserveCapacity(Swift.max(8, entries.count))
    }

    init?(_ node: SyntaxNode, path: String, diagnostics: DecodeDiagnostics) {
        self.init(node, path: FieldPath(path), diagnostics: diagnostics)
    }

    /// Whether the mapping has the field at all (to tell "absent" from "empty").
    func hasField(_ key: String) -> Bool { entries.contains { $0.key.value == key } }

    /// The sink this reader reports to, for decoding nested items.
    var diagnosticsSink: DecodeDiagnostics { diagnostics }

    /// The entries of a free-form mapping (labels), which has no fixed fields.
    var entriesForLabels: [SyntaxNode.Entry] { entries }

    private func fieldPath(_ key: String) -> String { fieldPathValue.isEmpty ? key : "\(path).\(key)" }

    /// The raw node of a field; reports a missing required field.
    mutating func node(_ key: String, required: Bool) -> SyntaxNode? {
        known.append(key)
        // By index: `first(where:)` would copy (retain) the whole entry, key included.
        guard let index = entries.firstIndex(where: { $0.key.value == key }) else {
            if required {
                isComplete = false
                diagnostics.emit(.missingField, "`\(fieldPath(key))` is required", at: location,
                                 fix: path.isEmpty ? "add `\(key):` to the document" : "add `\(key):` to `\(path)`")
            }
            return nil
        }
        if case .scalar(let scalar) = entries[index].value.content, CoreSchema.isNull(scalar) {
            if required {
                isComplete = false
                diagnostics.emit(.missingField, "`\(fieldPath(key))` is required but has no value", at: entries[index].value.location,
                                 fix: "give `\(key)` a value")
            }
            return nil
        }
        return entries[index].value
    }

    mutating func string(_ key: String, required: Bool = true) -> Located<String>? {
        guard let node = node(key, required: required) else { return nil }
        let value = diagnostics.string(node, field: self.fieldPath(key))
        if value == nil && required { isComplete = false }
        return value
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) -> Located<Int>? {
        guard let node = node(key, required: false) else { return nil }
        guard case .scalar(let scalar) = node.content, case .integer(let value) = CoreSchema.resolve(scalar) else {
            var fix: String? = nil
            if case .scalar(let scalar) = node.content, CoreSchema.integer(scalar.text) != nil {
                fix = "remove the quotes: `\(key): \(scalar.text)`"
            }
            diagnostics.emit(.wrongType, "`\(fieldPath(key))` must be an integer, not \(node.kindDescription)",
                             at: node.location, fix: fix)
            return nil
        }
        guard range.contains(value) else {
            diagnostics.emit(.invalidInteger, "`\(fieldPath(key))` must be between \(range.lowerBound) and \(range.upperBound), not \(value)",
                             at: node.location)
            return nil
        }
        return Located(value, at: node.location)
    }

    mutating func enumeration<Value: RawRepresentable & CaseIterable>(_ key: String, required: Bool = true) -> Located<Value>?
    where Value.RawValue == String {
        guard let node = node(key, required: required) else { return nil }
        func allowed() -> [String] { Value.allCases.map(\.rawValue) }
        guard let text = diagnostics.string(node, field: self.fieldPath(key), allowedValues: allowed()) else {
            if required { isComplete = false }
            return nil
        }
        guard let value = Value(rawValue: text.value) else {
            let allowed = allowed()
            if required { isComplete = false }
            diagnostics.emit(.invalidEnumValue,
                             "`\(fieldPath(key))` must be one of \(allowed.map { "`\($0)`" }.joined(separator: ", ")), not `\(text.value)`.\(Suggestion.didYouMean(text.value, in: allowed))",
                             at: text.location)
            return nil
        }
        return Located(value, at: text.location)
    }

    mutating func date(_ key: String, required: Bool = true) -> Located<CivilDate>? {
        guard let text = string(key, required: required) else { return nil }
        guard let date = CivilDate(parsing: text.value) else {
            if required { isComplete = false }
            diagnostics.emit(.invalidDate, "`\(fieldPath(key))` must be a real date written YYYY-MM-DD, not `\(text.value)`",
                             at: text.location)
            return nil
        }
        return Located(date, at: text.location)
    }

    /// A list field; each item is handed to `item`, which returns `nil` for unusable items.
    mutating func list<Item>(_ key: String, required: Bool = true, nonEmpty: Bool = false,
                             _ item: (SyntaxNode, FieldPath) -> Item?) -> [Item]? {
        guard let node = node(key, required: required) else { return required ? nil : [] }
        guard case .sequence(let items) = node.content else {
            if required { isComplete = false }
            diagnostics.emit(.wrongType, "`\(fieldPath(key))` must be a list, not \(node.kindDescription)", at: node.location,
                             fix: "write it as `\(key): [\(node.scalarText ?? "...")]`")
            return required ? nil : []
        }
        if nonEmpty && items.isEmpty {
            isComplete = false
            diagnostics.emit(.emptyList, "`\(fieldPath(key))` needs at least one entry", at: node.location)
        }
        let listPath = fieldPath(key)
        return items.enumerated().compactMap { index, node in item(node, FieldPath(listPath, index: index)) }
    }

    /// A list of strings with no repeats (a repeat is reported at the second occurrence).
    mutating func stringList(_ key: String, required: Bool = true, nonEmpty: Bool = false) -> [Located<String>]? {
        let diagnostics = self.diagnostics
        guard let values = list(key, required: required, nonEmpty: nonEmpty, { node, path in
            diagnostics.string(node, field: path.description)
        }) else { return nil }
        // Most lists are short (a namespace's `trustedTeams`, a team's environments): comparing
        // with the entries kept so far costs less than hashing every entry into a dictionary.
        let isShort = values.count <= 16
        var kept: [Located<String>] = []
        kept.reserveCapacity(values.count)
        var seen: [String: SourceLocation] = [:]
        for value in values {
            let first = isShort ? kept.first { $0.value == value.value }?.location : seen[value.value]
            if let first {
                diagnostics.emit(.duplicateListEntry, "`\(value.value)` is listed twice in `\(fieldPath(key))`",
                                 at: value.location, fix: "remove the repeated entry",
                                 notes: [.init("first listed here", at: first)])
                continue
            }
            if !isShort { seen[value.value] = value.location }
            kept.append(value)
        }
        return kept
    }

    mutating func mapping(_ key: String, required: Bool = true) -> MappingReader? {
        guard let node = node(key, required: required) else { return nil }
        let reader = MappingReader(node, path: FieldPath(fieldPath(key)), diagnostics: diagnostics)
        if reader == nil && required { isComplete = false }
        return reader
    }

    /// Marks the resource incomplete because a nested part of it was unusable.
    mutating func markIncomplete(unless complete: Bool) {
        if !complete { isComplete = false }
    }

    /// Reports every field of the mapping that was never asked for.
    func finish() {
        for entry in entries where !known.contains(entry.key.value) {
            diagnostics.emit(.unknownField,
                             "`\(fieldPath(entry.key.value))` is not a field of `\(path.isEmpty ? "the document" : path)`.\(Suggestion.didYouMean(entry.key.value, in: known))",
                             at: entry.key.location,
                             fix: known.isEmpty ? nil : "known fields: \(known.joined(separator: ", "))")
        }
    }
}

extension SyntaxNode {
    var scalarText: String? {
        if case .scalar(let scalar) = content { return scalar.text }
        return nil
    }
}

/// The decode stage's diagnostics, shared by every reader of one document.
final class DecodeDiagnostics {
    private(set) var collector = DiagnosticCollector()

    func emit(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?, fix: String? = nil,
              notes: [Diagnostic.Note] = []) {
        collector.emit(code, message, at: location, fix: fix, notes: notes)
    }

    /// A scalar read as a YAML 1.2 core string. Plain scalars that resolve to something else
    /// (`true`, `0777`, `1e3`) are errors with a fix to quote them; YAML 1.1 booleans (`no`,
    /// `on`) are strings but get a warning unless they are one of the field's allowed values.
    func string(_ node: SyntaxNode, field: @autoclosure () -> String,
                allowedValues: @autoclosure () -> [String] = []) -> Located<String>? {
        guard case .scalar(let scalar) = node.content else {
            emit(.wrongType, "`\(field())` must be a string, not \(node.kindDescription)", at: node.location)
            return nil
        }
        switch CoreSchema.resolve(scalar) {
        case .string(let text):
            if scalar.isPlain, CoreSchema.isYAML11Boolean(text), !allowedValues().contains(text) {
                emit(.yaml11Ambiguity, "`\(text)` is a string in YAML 1.2 but a boolean to YAML 1.1 tools",
                     at: node.location, fix: "quote it: \"\(text)\"")
            }
            return Located(text, at: node.location)
        case .null:
            emit(.wrongType, "`\(field())` must be a string, not null", at: node.location)
            return nil
        case let other:
            emit(.wrongType, "`\(field())` must be a string, but `\(scalar.text)` is \(other) in YAML 1.2",
                 at: node.location, fix: "quote it: \"\(scalar.text)\"")
            return nil
        }
    }
}
