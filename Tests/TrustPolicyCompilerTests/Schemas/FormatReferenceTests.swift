import Foundation
import Testing
@testable import TrustPolicyCompiler

/// `docs/format.md`, the format reference users read, stays in step with the JSON Schemas in
/// `schemas/` (which `SchemaTests` keeps in step with trustc): every schema field is documented
/// and every documented field exists, with the schema's allowed values, defaults, requiredness
/// and type; every schema points at its section; the diagnostic links name real codes; and the
/// examples form an organisation that trustc and the schemas accept.
///
/// Fields are found in the reference's field tables: tables whose header starts with `Field`,
/// one row per field, the first cell the field's path in backticks (`spec.keyVault.vaultURI`,
/// `spec.namespaces[].stage`). Rows under `## <Kind>` are that kind's `spec` fields; rows
/// elsewhere are the fields every document has (`apiVersion`, `metadata.name`, ...).
@Suite struct FormatReferenceTests {
    static let referencePath = "docs/format.md"
    static let referenceURL = PackageRoot.url.appendingPathComponent(referencePath)
    static let schemasURL = PackageRoot.url.appendingPathComponent("schemas")

    static func reference() throws -> String {
        try String(contentsOf: referenceURL, encoding: .utf8)
    }

    // MARK: The reference against the schemas

    @Test func everySchemaFieldIsDocumentedAndEveryDocumentedFieldExists() throws {
        let schemas = try SchemaFields.load(from: Self.schemasURL)
        #expect(Set(schemas.kinds.keys) == Set(ResourceKind.allCases.map(\.rawValue)),
                "the schemas describe \(schemas.kinds.keys.sorted()), not trustc's kinds")
        for (kind, fields) in schemas.kinds {
            #expect(!fields.isEmpty, "found no `spec` field in the \(kind) schema: the schema walk is broken")
        }
        let problems = ReferenceCheck.problems(reference: try Self.reference(), schemas: schemas)
        #expect(problems.isEmpty, "\(Self.referencePath) and schemas/ disagree:\n\(problems.joined(separator: "\n"))")
    }

    /// A change to the real reference that the check must report.
    struct Mutation: Sendable, CustomTestStringConvertible {
        var name: String
        var old: String
        var new: String
        /// Texts that some reported problem must contain.
        var mentions: [String]
        var testDescription: String { name }
    }

    static let mutations = [
        Mutation(name: "a schema field left out", old: "| `spec.keyVault.clientID` |", new: "| `spec.keyVault.clientIDs` |",
                 mentions: ["`spec.keyVault.clientID` of SigningIdentity", "`spec.keyVault.clientIDs`"]),
        Mutation(name: "an allowed value left out", old: "or `signingAuthority` (the", new: "or signingAuthority (the",
                 mentions: ["allowed value `signingAuthority`"]),
        Mutation(name: "a default changed", old: "| optional | `14` |", new: "| optional | 14 days |", mentions: ["`14`"]),
        Mutation(name: "a required field called optional", old: "| `spec.loginServer` | string: host name | required |",
                 new: "| `spec.loginServer` | string: host name | optional |", mentions: ["`spec.loginServer` is required"]),
        Mutation(name: "a list called a string", old: "| `spec.regions` | list of strings", new: "| `spec.regions` | string",
                 mentions: ["`spec.regions` is array"]),
        Mutation(name: "a field documented under the wrong kind", old: "| `spec.tier` |", new: "| `spec.region` |",
                 mentions: ["`spec.region` is documented under Environment", "`spec.tier` of Environment"]),
        Mutation(name: "an envelope field misspelled", old: "| `metadata.labels` |", new: "| `metadata.label` |",
                 mentions: ["`metadata.labels`, which every document has", "`metadata.label` is documented"]),
    ]

    /// The check itself bites: each change to the real reference is reported.
    @Test(arguments: mutations)
    func theCheckReportsADifference(_ mutation: Mutation) throws {
        let reference = try Self.reference()
        #expect(reference.components(separatedBy: mutation.old).count == 2,
                "`\(mutation.old)` must occur exactly once in the reference")
        let changed = reference.replacingOccurrences(of: mutation.old, with: mutation.new)
        let problems = ReferenceCheck.problems(reference: changed, schemas: try SchemaFields.load(from: Self.schemasURL))
        for mention in mutation.mentions {
            #expect(problems.contains { $0.contains(mention) }, "no problem mentions \(mention):\n\(problems.joined(separator: "\n"))")
        }
    }

    /// Each kind's schema ends its description with `Reference: docs/format.md#<anchor>`, the
    /// anchor of the kind's section (GitHub's anchor of the `## <Kind>` heading).
    @Test func schemasPointAtTheirSection() throws {
        let headings = Set(MarkdownReference(try Self.reference()).headings.map(MarkdownReference.anchor))
        let files = try FileManager.default.contentsOfDirectory(at: Self.schemasURL, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        #expect(files.count == ResourceKind.allCases.count + 1)
        for file in files {
            let schema = try SchemaFields.object(at: file)
            let description = schema["description"] as? String ?? ""
            let prefix = "Reference: \(Self.referencePath)#"
            guard let range = description.range(of: prefix, options: .backwards) else {
                Issue.record("\(file.lastPathComponent): the description does not end with `\(prefix)<anchor>`")
                continue
            }
            let anchor = String(description[range.upperBound...])
            #expect(headings.contains(anchor), "\(file.lastPathComponent): \(Self.referencePath) has no heading with anchor #\(anchor)")
            if let kind = SchemaFields.kind(of: schema) {
                #expect(anchor == MarkdownReference.anchor(kind), "\(file.lastPathComponent) must point at the \(kind) section")
            }
        }
    }

    /// Every `[TPnnn](diagnostics.md#tpnnn)` link names a code trustc has, and its text is that code.
    @Test func diagnosticLinksNameRealCodes() throws {
        let reference = try Self.reference()
        let link = /\[([^\]]*)\]\(diagnostics\.md#(tp[0-9]+)\)/
        let links = reference.matches(of: link)
        #expect(links.count > 50, "expected the reference to link the codes that enforce its constraints")
        for match in links {
            let text = String(match.output.1), anchor = String(match.output.2)
            #expect(DiagnosticCode(rawValue: anchor.uppercased()) != nil, "\(text) links #\(anchor), which is no diagnostic code")
            #expect(text == anchor.uppercased(), "the link to #\(anchor) reads `\(text)`")
        }
    }

    /// Every link to a section of the reference (`](#anchor)`) names one of its headings.
    @Test func linksWithinTheReferenceResolve() throws {
        let reference = try Self.reference()
        let anchors = Set(MarkdownReference(reference).headings.map(MarkdownReference.anchor))
        let links = reference.matches(of: /\]\(#([^)]+)\)/).map { String($0.output.1) }
        #expect(!links.isEmpty)
        for anchor in Set(links).sorted() {
            #expect(anchors.contains(anchor), "#\(anchor) is linked but no heading has that anchor")
        }
    }

    // MARK: The examples

    /// The YAML blocks under each kind's `### Example`, written one file per kind beside the
    /// sample's certificates in `certs/`.
    static func writeExamples() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-format-\(UUID().uuidString)")
        let certificates = root.appendingPathComponent("certs")
        try FileManager.default.createDirectory(at: certificates, withIntermediateDirectories: true)
        let sample = PackageRoot.url.appendingPathComponent("policies/identities/certs")
        for file in try FileManager.default.contentsOfDirectory(atPath: sample.path) where file.hasSuffix(".pem") {
            try FileManager.default.copyItem(at: sample.appendingPathComponent(file), to: certificates.appendingPathComponent(file))
        }
        let examples = MarkdownReference(try reference()).examples
        for kind in ResourceKind.allCases {
            let blocks = examples[kind.rawValue] ?? []
            #expect(blocks.contains { $0.contains("kind: \(kind.rawValue)\n") },
                    "the \(kind.rawValue) section has no `### Example` with a \(kind.rawValue) document")
            try blocks.joined(separator: "---\n")
                .write(to: root.appendingPathComponent("\(kind.rawValue.lowercased()).yaml"), atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func examplesFormAnOrganizationTrustcAccepts() throws {
        let root = try Self.writeExamples()
        defer { try? FileManager.default.removeItem(at: root) }
        let compilation = try CompilerDriver.compile(directory: root.path, options: .init(today: PolicyFixture.today))
        #expect(compilation.diagnostics.isEmpty,
                "\(compilation.diagnostics.map { "\($0.location?.description ?? "-"): \($0.code.rawValue) \($0.message)" }.joined(separator: "\n"))")
        #expect(compilation.model.clusters.count == 1 && compilation.model.environments.count == 2)
    }

    @Test func examplesMatchTheSchemas() async throws {
        let root = try Self.writeExamples()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try await SchemaTests.python([SchemaTests.script.path, root.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }
}

// MARK: - The schemas' fields

/// One field as the schemas describe it.
struct SchemaField: Sendable {
    var path: String
    /// The JSON Schema type (`string`, `integer`, `array`, `object`).
    var type: String?
    /// Whether the enclosing mapping requires it; `nil` when only `trustc.schema.json` has it.
    var required: Bool?
    var allowedValues: [String] = []
    /// The default as the reference writes it: each value in backticks, `[]` for an empty list.
    var defaultTokens: [String] = []
}

/// The fields of every schema: each kind's `spec` fields, and the envelope fields (`apiVersion`,
/// `kind`, `metadata`, `metadata.name`, ..., `spec`) every kind has.
struct SchemaFields: Sendable {
    /// Kind → path → field, paths starting with `spec.`.
    var kinds: [String: [String: SchemaField]] = [:]
    var envelope: [String: SchemaField] = [:]

    static func object(at url: URL) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        return object
    }

    /// The kind a per-kind schema accepts (`properties.kind.const`); `nil` for `trustc.schema.json`.
    static func kind(of schema: [String: Any]) -> String? {
        ((schema["properties"] as? [String: Any])?["kind"] as? [String: Any])?["const"] as? String
    }

    static func load(from directory: URL) throws -> SchemaFields {
        var result = SchemaFields()
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
        for file in files {
            let schema = try object(at: file)
            let kind = kind(of: schema)
            var fields: [String: SchemaField] = [:]
            collect(schema, definitions: schema["definitions"] as? [String: Any] ?? [:], path: "", isKindSchema: kind != nil,
                    into: &fields)
            for (path, field) in fields {
                if path.hasPrefix("spec.") {
                    if let kind { result.kinds[kind, default: [:]][path] = field }
                } else if var known = result.envelope[path] {
                    known.required = known.required ?? field.required
                    known.type = known.type ?? field.type
                    known.allowedValues += field.allowedValues.filter { !known.allowedValues.contains($0) }
                    result.envelope[path] = known
                } else {
                    result.envelope[path] = field
                }
            }
        }
        return result
    }

    /// `node` with a local `$ref` (`#/definitions/name`) replaced by what it names; the node's
    /// own keywords (its description) win.
    private static func resolved(_ node: [String: Any], _ definitions: [String: Any]) -> [String: Any] {
        guard let reference = node["$ref"] as? String, reference.hasPrefix("#/definitions/"),
              let target = definitions[String(reference.dropFirst("#/definitions/".count))] as? [String: Any] else { return node }
        return resolved(target, definitions).merging(node.filter { $0.key != "$ref" }) { _, own in own }
    }

    private static func strings(_ value: Any?) -> [String] {
        (value as? [Any])?.compactMap { $0 as? String } ?? []
    }

    private static func tokens(_ value: Any?) -> [String] {
        guard let value else { return [] }
        switch value {
        case let text as String: return ["`\(text)`"]
        case let list as [Any]: return list.isEmpty ? ["`[]`"] : list.flatMap { tokens($0) }
        case let number as NSNumber: return ["`\(number.stringValue)`"]
        default: return ["`\(value)`"]
        }
    }

    /// Records the properties of `schema` (and of the mappings in its lists) under `path`.
    private static func collect(_ schema: [String: Any], definitions: [String: Any], path: String, isKindSchema: Bool,
                                into fields: inout [String: SchemaField]) {
        let node = resolved(schema, definitions)
        let required = Set(node["required"] as? [String] ?? [])
        for (name, value) in node["properties"] as? [String: Any] ?? [:] {
            guard let property = (value as? [String: Any]).map({ resolved($0, definitions) }) else { continue }
            let childPath = path.isEmpty ? name : "\(path).\(name)"
            var field = SchemaField(path: childPath, type: property["type"] as? String,
                                    required: isKindSchema ? required.contains(name) : nil,
                                    allowedValues: strings(property["enum"]), defaultTokens: tokens(property["default"]))
            let items = (property["items"] as? [String: Any]).map { resolved($0, definitions) }
            if let items {
                field.allowedValues += strings(items["enum"])
            }
            fields[childPath] = field
            collect(property, definitions: definitions, path: childPath, isKindSchema: isKindSchema, into: &fields)
            if let items, items["properties"] != nil {
                collect(items, definitions: definitions, path: "\(childPath)[]", isKindSchema: isKindSchema, into: &fields)
            }
        }
    }
}

// MARK: - The reference's field tables

/// The parts of the Markdown reference the checks read.
struct MarkdownReference {
    struct Row {
        var path: String?
        /// The `## ` heading the row is under.
        var section: String
        var line: Int
        var cells: [String: String]
        var text: String
    }

    var headings: [String] = []
    var rows: [Row] = []
    /// Kind section → the YAML blocks under its `### Example` heading.
    var examples: [String: [String]] = [:]
    /// Rows of field tables whose first cell is not a path in backticks.
    var malformed: [String] = []

    init(_ text: String) {
        var section = "", subsection = ""
        var header: [String]?
        var inCode = false, codeIsYAML = false
        var block: [String] = []
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("```") {
                if inCode, codeIsYAML, subsection == "Example" {
                    examples[section, default: []].append(block.joined(separator: "\n") + "\n")
                }
                inCode.toggle()
                codeIsYAML = inCode && line.dropFirst(3).trimmingCharacters(in: .whitespaces) == "yaml"
                block = []
                continue
            }
            if inCode {
                block.append(line)
                continue
            }
            if line.hasPrefix("#") {
                let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                headings.append(title)
                if line.hasPrefix("## ") { (section, subsection) = (title, "") }
                if line.hasPrefix("### ") { subsection = title }
            }
            guard line.hasPrefix("|") else {
                header = nil
                continue
            }
            let cells = Self.cells(line)
            guard let columns = header else {
                header = cells
                continue
            }
            guard columns.first == "Field", !cells.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) else { continue }
            let first = cells.first ?? ""
            let path: String? = first.count > 2 && first.hasPrefix("`") && first.hasSuffix("`")
                ? String(first.dropFirst().dropLast()) : nil
            if path == nil || path!.contains("`") { malformed.append("line \(index + 1): \(line)") }
            rows.append(Row(path: path, section: section, line: index + 1,
                            cells: Dictionary(zip(columns, cells).map { ($0, $1) }, uniquingKeysWith: { first, _ in first }),
                            text: line))
        }
    }

    /// The cells of a table row, split at `|` not escaped as `\|`.
    static func cells(_ line: String) -> [String] {
        var cells: [String] = [], current = "", escaped = false
        for character in line {
            if character == "|" && !escaped {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
            escaped = character == "\\"
        }
        // Text before the first and after the last `|` is not a cell.
        return Array(cells.dropFirst())
    }

    /// GitHub's anchor of a heading: lowercased, punctuation dropped, spaces as `-`.
    static func anchor(_ heading: String) -> String {
        String(heading.lowercased().compactMap { character -> Character? in
            if character == " " { return "-" }
            return character.isLetter || character.isNumber || character == "-" || character == "_" ? character : nil
        })
    }
}

/// Compares the reference's field tables with the schemas; each problem is one line.
enum ReferenceCheck {
    static func problems(reference text: String, schemas: SchemaFields) -> [String] {
        let reference = MarkdownReference(text)
        var problems = reference.malformed.map { "a field table row does not start with a field path in backticks, \($0)" }
        let kinds = Set(schemas.kinds.keys)
        var documented: [String: Set<String>] = [:]
        for row in reference.rows {
            guard let path = row.path else { continue }
            let isSpec = path.hasPrefix("spec.")
            let location = "line \(row.line)"
            let field: SchemaField?
            if isSpec {
                guard kinds.contains(row.section) else {
                    problems.append("\(location): `\(path)` is documented under \"\(row.section)\", not under a kind's section")
                    continue
                }
                field = schemas.kinds[row.section]?[path]
                if field == nil {
                    problems.append("\(location): `\(path)` is documented under \(row.section), but schemas/\(row.section.lowercased()).schema.json has no such field")
                }
            } else {
                if kinds.contains(row.section) {
                    problems.append("\(location): `\(path)` is documented under \(row.section), but a kind's section lists only `spec.` fields")
                }
                field = schemas.envelope[path]
                if field == nil { problems.append("\(location): `\(path)` is documented, but no schema has such a field") }
            }
            let scope = isSpec ? row.section : ""
            if !documented[scope, default: []].insert(path).inserted {
                problems.append("\(location): `\(path)` is documented twice\(isSpec ? " under \(row.section)" : "")")
            }
            if let field { problems += disagreements(row, field) }
        }
        for (kind, fields) in schemas.kinds {
            for path in fields.keys.sorted() where !(documented[kind]?.contains(path) ?? false) {
                problems.append("`\(path)` of \(kind) (schemas/\(kind.lowercased()).schema.json) is not in the field table of \(kind)'s section")
            }
        }
        for path in schemas.envelope.keys.sorted() where !(documented[""]?.contains(path) ?? false) {
            problems.append("`\(path)`, which every document has, is not in a field table outside the kinds' sections")
        }
        return problems.sorted()
    }

    /// Where a documented field says something other than its schema.
    private static func disagreements(_ row: MarkdownReference.Row, _ field: SchemaField) -> [String] {
        let name = "line \(row.line): `\(field.path)`"
        var problems: [String] = []
        for value in field.allowedValues where !row.text.contains("`\(value)`") {
            problems.append("\(name) does not name the allowed value `\(value)` in backticks")
        }
        let defaultCell = row.cells["Default"] ?? ""
        for token in field.defaultTokens where !defaultCell.contains(token) {
            problems.append("\(name): the Default column does not say \(token), the schema's default")
        }
        let required = row.cells["Required"] ?? ""
        switch field.required {
        case true?:
            if required != "required" { problems.append("\(name) is required by its schema, but the Required column says `\(required)`") }
        case false?:
            if required != "optional" && !required.hasPrefix("when ") {
                problems.append("\(name) is not always required by its schema; the Required column must say `optional` or `when ...`, not `\(required)`")
            }
        case nil:
            break
        }
        let type = row.cells["Type"] ?? ""
        let expected: (word: String, matches: Bool)? = switch field.type {
        case "string"?: ("string", type.hasPrefix("string"))
        case "integer"?: ("integer", type.hasPrefix("integer"))
        case "array"?: ("list", type.hasPrefix("list"))
        case "object"?: ("mapping", type.hasPrefix("mapping"))
        default: nil
        }
        if let expected, !expected.matches {
            problems.append("\(name) is \(field.type ?? "?") in its schema, so its Type must start with `\(expected.word)`, not `\(type)`")
        }
        return problems
    }
}
