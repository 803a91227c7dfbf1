import CYAML

/// Turns a YAML file into located syntax documents using LibYAML's event parser directly.
///
/// Working on events (not a composed tree) lets the loader report a duplicate key at its repeat,
/// reject anchors, aliases and unknown tags before anything is expanded, bound nesting depth and
/// node counts, and keep every scalar as the text that was written.
public struct YAMLLoader: Sendable {
    public var limits: LoaderLimits

    public init(limits: LoaderLimits = .default) {
        self.limits = limits
    }

    public struct Result: Sendable {
        public var documents: [SyntaxDocument]
        public var diagnostics: DiagnosticCollector
        /// How many nodes the loader read (at most one past `maxNodesPerFile`).
        public var nodeCount: Int = 0
    }

    public func load(_ bytes: [UInt8], file: String) -> Result {
        var diagnostics = DiagnosticCollector()
        var text = TextPositions(bytes: bytes)
        if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
            let location = text.location(ofByteOffset: offset, file: file)
            diagnostics.emit(.invalidUTF8, "the file is not valid UTF-8 (invalid byte 0x\(hex(bytes[offset])) here)",
                             at: location, fix: "save the file as UTF-8")
            return Result(documents: [], diagnostics: diagnostics)
        }
        // Parsing starts after a byte-order mark, so that columns on the first line are the
        // ones an editor shows (LibYAML would count the mark as a column).
        var start = 0
        if bytes.starts(with: TextPositions.byteOrderMark) {
            diagnostics.emit(.byteOrderMark, "the file starts with a UTF-8 byte-order mark",
                             at: .file(file), fix: "remove the byte-order mark; YAML files are UTF-8 without one")
            start = TextPositions.byteOrderMark.count
        }
        var state = EventTreeBuilder(file: file, limits: limits)
        var firstLine = 0
        while true {
            let outcome = state.parse(bytes, from: start, firstLine: firstLine, positions: &text)
            guard case .syntaxError(let resumeLine) = outcome,
                  let next = text.nextDocumentSeparator(fromLine: resumeLine, after: start) else { break }
            // Resume at the next `---` so that documents after a broken one are still checked.
            start = next.offset
            firstLine = next.line
        }
        diagnostics.merge(state.diagnostics)
        if state.documents.isEmpty && !diagnostics.hasErrors {
            diagnostics.emit(.emptyFile, "the file holds no YAML documents", at: .file(file),
                             fix: "add a resource (apiVersion, kind, metadata, spec) or delete the file")
        }
        return Result(documents: state.documents, diagnostics: diagnostics, nodeCount: state.nodeCount)
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}

/// Builds syntax trees from LibYAML events with an explicit stack (never recursion), enforcing
/// the loader's limits as it goes.
private struct EventTreeBuilder {
    enum Outcome {
        case finished
        case syntaxError(line: Int)
        case abandoned
    }

    private enum PendingKey {
        case none
        case key(Located<String>)
        case invalid
    }

    /// An open collection. A struct mutated in place on the stack (not an enum popped and
    /// pushed back), so appending never copies the items and a long list loads in linear time.
    private struct Frame {
        let isSequence: Bool
        let start: SourceLocation
        var items: [SyntaxNode] = []
        var entries: [SyntaxNode.Entry] = []
        var pending: PendingKey = .none
        /// Where each key of a large mapping was first written, for duplicate checks in constant
        /// time; filled from `entries` only once a mapping has `indexedKeysFrom` entries (most
        /// have a handful, and hashing every key cost more than comparing it with a few others).
        var keys: [String: SourceLocation] = [:]

        static let indexedKeysFrom = 16

        /// Where `key` was first written in this mapping, if it was.
        mutating func firstLocation(ofKey key: String) -> SourceLocation? {
            if entries.count < Self.indexedKeysFrom {
                return entries.firstIndex { $0.key.value == key }.map { entries[$0].key.location }
            }
            if keys.count < entries.count {
                keys.reserveCapacity(entries.count * 2)
                for entry in entries[keys.count...] { keys[entry.key.value] = entry.key.location }
            }
            return keys[key]
        }
    }

    let file: String
    let limits: LoaderLimits
    var documents: [SyntaxDocument] = []
    var diagnostics = DiagnosticCollector()
    private var stack: [Frame] = []
    private var documentCount = 0
    private(set) var nodeCount = 0
    private var skipDepth = 0
    private var aliasReports = 0
    private var root: SyntaxNode?

    init(file: String, limits: LoaderLimits) {
        self.file = file
        self.limits = limits
    }

    mutating func parse(_ bytes: [UInt8], from start: Int, firstLine: Int, positions: inout TextPositions) -> Outcome {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return .abandoned }
        defer { yaml_parser_delete(&parser) }
        stack.removeAll()
        root = nil
        skipDepth = 0
        return bytes.withUnsafeBufferPointer { buffer -> Outcome in
            let base = buffer.baseAddress.map { $0 + start } ?? UnsafePointer(bitPattern: 1)!
            yaml_parser_set_input_string(&parser, base, buffer.count - start)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return reportParserError(parser, start: start, firstLine: firstLine, positions: &positions)
                }
                defer { yaml_event_delete(&event) }
                let location = SourceLocation(file: file, line: Int(event.start_mark.line) + firstLine + 1,
                                              column: Int(event.start_mark.column) + 1)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return .finished
                case YAML_DOCUMENT_START_EVENT:
                    documentCount += 1
                    if documentCount > limits.maxDocumentsPerFile {
                        diagnostics.emit(.tooManyDocuments,
                                         "the file holds more than \(limits.maxDocumentsPerFile) documents",
                                         at: location, fix: "split the resources over several files")
                        return .abandoned
                    }
                    root = nil
                case YAML_DOCUMENT_END_EVENT:
                    if let root, !isEmptyDocument(root) {
                        documents.append(SyntaxDocument(file: file, index: documentCount - 1, root: root))
                    }
                    root = nil
                case YAML_ALIAS_EVENT:
                    if skipDepth > 0 { continue }
                    reportAnchor(kind: "alias", sigil: "*", name: event.data.alias.anchor, at: location)
                    guard count(at: location) else { return .abandoned }
                    attach(SyntaxNode(.scalar(.init(text: "", style: .plain, tag: .null)), at: location))
                case YAML_SCALAR_EVENT:
                    if skipDepth > 0 { continue }
                    guard count(at: location) else { return .abandoned }
                    let scalar = event.data.scalar
                    if let anchor = scalar.anchor { reportAnchor(kind: "anchor", sigil: "&", name: anchor, at: location) }
                    let tag = checkTag(scalar.tag, at: location)
                    var text = ""
                    if scalar.length > limits.maxScalarBytes {
                        diagnostics.emit(.scalarTooLong,
                                         "this scalar is \(scalar.length) bytes long; the limit is \(limits.maxScalarBytes)",
                                         at: location, fix: "shorten the value")
                    } else if let value = scalar.value {
                        text = String(decoding: UnsafeBufferPointer(start: value, count: scalar.length), as: UTF8.self)
                    }
                    attach(SyntaxNode(.scalar(.init(text: text, style: Self.style(scalar.style), tag: tag)), at: location))
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if skipDepth > 0 {
                        skipDepth += 1
                        // LibYAML's scanner does work proportional to the flow nesting depth for
                        // every token, so a 100,000-level `[[[...` would take minutes: stop
                        // reading this document and resume at the next `---`.
                        if skipDepth > limits.maxDepth { return .syntaxError(line: location.line) }
                        continue
                    }
                    guard count(at: location) else { return .abandoned }
                    let isSequence = event.type == YAML_SEQUENCE_START_EVENT
                    let anchor = isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                    if let anchor { reportAnchor(kind: "anchor", sigil: "&", name: anchor, at: location) }
                    _ = checkTag(isSequence ? event.data.sequence_start.tag : event.data.mapping_start.tag, at: location)
                    if stack.count >= limits.maxDepth {
                        diagnostics.emit(.nestingTooDeep,
                                         "collections are nested more than \(limits.maxDepth) levels deep here",
                                         at: location, fix: "flatten the document; trustc's format needs only a few levels")
                        skipDepth = 1
                        continue
                    }
                    stack.append(Frame(isSequence: isSequence, start: location))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if skipDepth > 0 {
                        skipDepth -= 1
                        if skipDepth == 0 {
                            attach(SyntaxNode(.scalar(.init(text: "", style: .plain, tag: .null)), at: location))
                        }
                        continue
                    }
                    let frame = stack.removeLast()
                    attach(SyntaxNode(frame.isSequence ? .sequence(frame.items) : .mapping(frame.entries), at: frame.start))
                default:
                    continue
                }
            }
        }
    }

    /// Counts a node against the per-file limit; `false` when the file must be abandoned.
    private mutating func count(at location: SourceLocation) -> Bool {
        nodeCount += 1
        guard nodeCount > limits.maxNodesPerFile else { return true }
        diagnostics.emit(.tooManyNodes, "the file holds more than \(limits.maxNodesPerFile) YAML nodes",
                         at: location, fix: "split the resources over several files")
        return false
    }

    private mutating func attach(_ node: SyntaxNode) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        if stack[top].isSequence {
            if stack[top].items.isEmpty { stack[top].items.reserveCapacity(4) }
            stack[top].items.append(node)
            return
        }
        switch stack[top].pending {
        case .none:
            var first: SourceLocation? = nil
            if case .scalar(let scalar) = node.content { first = stack[top].firstLocation(ofKey: scalar.text) }
            stack[top].pending = acceptKey(node, firstWritten: first)
        case .invalid:
            stack[top].pending = .none
        case .key(let key):
            // Most mappings have a few entries: one allocation instead of growing 1, 2, 4.
            if stack[top].entries.isEmpty { stack[top].entries.reserveCapacity(4) }
            stack[top].entries.append(SyntaxNode.Entry(key: key, value: node))
            stack[top].pending = .none
        }
    }

    /// `firstWritten`: where the same key was first written in this mapping, if it was.
    private mutating func acceptKey(_ node: SyntaxNode, firstWritten: SourceLocation?) -> PendingKey {
        guard case .scalar(let scalar) = node.content else {
            diagnostics.emit(.nonScalarKey, "a mapping key must be a string, not \(node.kindDescription)",
                             at: node.location, fix: "use a plain field name as the key")
            return .invalid
        }
        if scalar.style == .plain && scalar.text == "<<" {
            diagnostics.emit(.mergeKey, "YAML merge keys (`<<`) are not supported", at: node.location,
                             fix: "write the fields out in full")
            return .invalid
        }
        if let first = firstWritten {
            diagnostics.emit(.duplicateKey, "the key `\(scalar.text)` is repeated in this mapping",
                             at: node.location, fix: "remove one of the two entries",
                             notes: [.init("`\(scalar.text)` first defined here", at: first)])
            return .invalid
        }
        return .key(Located(scalar.text, at: node.location))
    }

    private mutating func reportAnchor(kind: String, sigil: String, name: UnsafeMutablePointer<UInt8>,
                                       at location: SourceLocation) {
        aliasReports += 1
        guard aliasReports <= 10 else { return }
        let label = String(cString: name)
        let suffix = aliasReports == 10 ? " (further anchors and aliases in this file are not reported)" : ""
        diagnostics.emit(.anchorOrAlias, "YAML \(kind) `\(sigil)\(label)` is not allowed in policy files\(suffix)",
                         at: location, fix: "write the value out in full instead of referring to it")
    }

    private mutating func checkTag(_ tag: UnsafeMutablePointer<UInt8>?, at location: SourceLocation) -> SyntaxNode.CoreTag? {
        guard let tag else { return nil }
        let text = String(cString: tag)
        if let core = SyntaxNode.CoreTag(rawValue: text) { return core }
        let shown = text.hasPrefix("tag:yaml.org,2002:") ? "!!" + text.dropFirst(18) : text
        diagnostics.emit(.unsupportedTag, "the tag `\(shown)` is not supported", at: location,
                         fix: "remove the tag; only YAML's core tags (!!str, !!int, !!bool, ...) are accepted")
        return nil
    }

    private func isEmptyDocument(_ node: SyntaxNode) -> Bool {
        if case .scalar(let scalar) = node.content, scalar.style == .plain, scalar.text.isEmpty, scalar.tag == nil {
            return true
        }
        return false
    }

    private mutating func reportParserError(_ parser: yaml_parser_t, start: Int, firstLine: Int,
                                            positions: inout TextPositions) -> Outcome {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        let location: SourceLocation
        if parser.error == YAML_READER_ERROR {
            location = positions.location(ofByteOffset: start + parser.problem_offset, file: file)
        } else {
            location = SourceLocation(file: file, line: Int(parser.problem_mark.line) + firstLine + 1,
                                      column: Int(parser.problem_mark.column) + 1)
        }
        var message = problem
        var fix: String? = nil
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) starting at line \(Int(parser.context_mark.line) + firstLine + 1))"
        }
        if positions.byte(atLine: location.line, column: location.column) == UInt8(ascii: "\t") {
            message = "a tab character cannot be used for indentation: " + message
            fix = "indent with spaces"
        }
        diagnostics.emit(.yamlSyntax, message, at: location, fix: fix)
        return .syntaxError(line: location.line)
    }

    private static func style(_ style: yaml_scalar_style_t) -> SyntaxNode.Scalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
