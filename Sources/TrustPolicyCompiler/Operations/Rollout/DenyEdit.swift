/// The change that moves the ready namespaces to deny, per cluster file.
public struct DenyEdit: Sendable {
    public struct File: Sendable {
        /// Relative to the policy directory.
        public var path: String
        public var edited: [UInt8]
        /// `cluster/namespace` of each namespace moved, in file order.
        public var namespaces: [String]
        /// The change as a unified diff.
        public var diff: String
    }

    /// Sorted by path.
    public var files: [File]
    /// Ready namespaces whose text could not be edited, with why.
    public var refused: [String]

    public var namespaceCount: Int { files.reduce(0) { $0 + $1.namespaces.count } }
}

/// Edits the cluster files' own text at the source locations the decoded namespaces keep:
/// `stage: warn` becomes `stage: deny`, `since` becomes today and `warnSince` (which a deny
/// namespace needs, TP600) gets the date the namespace entered warn, so the minimum warn period
/// (TP601) is kept by construction. In a block mapping `warnSince` goes on a line of its own
/// after `since`, indented like it; in a flow mapping (`{ name: x, stage: warn, since: … }`) it
/// follows `since` on its line. Quoting, comments and every other line stay as written.
struct DenyEditor {
    let today: CivilDate
    let enforcement: Organization.Enforcement

    func edit(_ ready: [RolloutEntry], clusters: [ResolvedCluster], files: [SourceFile], directory: String) -> DenyEdit {
        guard enforcement == .custom else {
            // The built-in definition only audits (TP604): there is no deny to move to.
            return DenyEdit(files: [], refused: ready.map { "\($0.cluster)/\($0.namespace): the organisation's `enforcement: builtin` cannot deny; set `enforcement: custom` first" })
        }
        let clustersByName = Dictionary(clusters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var byFile: [String: [(cluster: String, namespace: Cluster.Namespace)]] = [:]
        for entry in ready {
            guard let namespace = clustersByName[entry.cluster]?.namespaces.first(where: { $0.name.value == entry.namespace }) else { continue }
            byFile[namespace.stage.location.file, default: []].append((entry.cluster, namespace))
        }
        let sources = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var edit = DenyEdit(files: [], refused: [])
        for path in byFile.keys.sorted() {
            guard let source = sources[path] else { continue }
            var text = LineEditedText(source.bytes)
            var moved: [String] = []
            // From the end of the file: a flow sequence may hold several namespaces on one
            // line, and editing the last first keeps the columns of the others.
            for (cluster, namespace) in byFile[path]!.sorted(by: { $0.namespace.stage.location > $1.namespace.stage.location }) {
                let label = "\(cluster)/\(namespace.name.value)"
                if let problem = move(namespace, in: &text) {
                    edit.refused.append("\(label) (\(path):\(namespace.stage.location.line)): \(problem)")
                } else {
                    moved.append(label)
                }
            }
            guard !moved.isEmpty else { continue }
            moved.reverse()
            edit.files.append(DenyEdit.File(path: path, edited: text.edited, namespaces: moved,
                                            diff: text.unifiedDiff(path: Self.diffPath(path, in: directory))))
        }
        return edit
    }

    /// The file's path as the diff names it: under the directory as the user gave it, without
    /// a leading `./` or `/` (`git apply` and `patch -p1` take paths relative to where they run).
    static func diffPath(_ path: String, in directory: String) -> String {
        var prefix = Substring(directory)
        while prefix.hasPrefix("./") { prefix = prefix.dropFirst(2) }
        while prefix.hasPrefix("/") { prefix = prefix.dropFirst() }
        while prefix.hasSuffix("/") { prefix = prefix.dropLast() }
        return prefix.isEmpty || prefix == "." ? path : "\(prefix)/\(path)"
    }

    /// Moves one namespace; the reason when its text is not what the source decoded (nothing
    /// is changed then).
    private func move(_ namespace: Cluster.Namespace, in text: inout LineEditedText) -> String? {
        let warnedSince = (namespace.warnSince ?? namespace.since).value
        guard let stage = Token(at: namespace.stage.location, spelled: Cluster.Stage.warn.rawValue, in: text),
              let since = Token(at: namespace.since.location, spelled: namespace.since.value.description, in: text) else {
            return "`stage` or `since` is not written where the source says"
        }
        let inFlow = since.isFollowedByFlowIndicator(in: text)
        let keyColumn = inFlow ? nil : since.keyColumn(in: text)
        if !inFlow && keyColumn == nil { return "`since:` and its date are not on one line" }
        // Byte ranges of each line replaced, applied from the last so earlier offsets hold
        // (in flow style stage and since share a line).
        var edits: [Int: [(range: Range<Int>, text: String)]] = [:]
        edits[stage.line, default: []].append((stage.start..<stage.end, Cluster.Stage.deny.rawValue))
        edits[since.line, default: []].append((since.start..<since.end, today.description))
        if inFlow {
            let afterValue = since.end + (since.quote == nil ? 0 : 1)
            edits[since.line, default: []].append((afterValue..<afterValue, ", warnSince: \(warnedSince)"))
        }
        for (line, changes) in edits {
            var bytes = text.line(line)
            for change in changes.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
                bytes.replaceSubrange(change.range, with: Array(change.text.utf8))
            }
            text.setLine(line, to: bytes)
        }
        if let keyColumn {
            let carriageReturn: [UInt8] = text.line(since.line).last == UInt8(ascii: "\r") ? [UInt8(ascii: "\r")] : []
            text.insert(Array(repeating: UInt8(ascii: " "), count: keyColumn) + Array("warnSince: \(warnedSince)".utf8) + carriageReturn,
                        after: since.line)
        }
        return nil
    }

    /// A scalar as written on its line: plain, or in single or double quotes.
    private struct Token {
        /// 0-based line and the byte range of the scalar's text (inside quotes) on it.
        var line: Int
        var start: Int
        var end: Int
        var spelled: String
        var quote: UInt8?

        /// Finds `spelled` at a 1-based line and column (in Unicode scalars, as LibYAML counts).
        init?(at location: SourceLocation, spelled: String, in text: LineEditedText) {
            guard location.line >= 1, location.line <= text.lineCount else { return nil }
            let bytes = text.line(location.line - 1)
            var offset = 0, column = 1
            while column < location.column, offset < bytes.count {
                offset += 1
                while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
                column += 1
            }
            var start = offset
            quote = nil
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") || bytes[offset] == UInt8(ascii: "'") {
                quote = bytes[offset]
                start += 1
            }
            let utf8 = Array(spelled.utf8)
            guard bytes.count >= start + utf8.count, Array(bytes[start..<start + utf8.count]) == utf8 else { return nil }
            if let quote, !(start + utf8.count < bytes.count && bytes[start + utf8.count] == quote) { return nil }
            line = location.line - 1
            self.start = start
            end = start + utf8.count
            self.spelled = spelled
        }

        /// Whether the next thing after the scalar (past blanks, line breaks and comments) is
        /// `,` or `}`: the scalar is a value of a flow mapping.
        func isFollowedByFlowIndicator(in text: LineEditedText) -> Bool {
            var index = line
            var bytes = text.line(index)
            var offset = end + (quote == nil ? 0 : 1)
            while true {
                while offset < bytes.count, bytes[offset] == UInt8(ascii: " ") || bytes[offset] == UInt8(ascii: "\t")
                    || bytes[offset] == UInt8(ascii: "\r") { offset += 1 }
                if offset < bytes.count, bytes[offset] != UInt8(ascii: "#") {
                    return bytes[offset] == UInt8(ascii: ",") || bytes[offset] == UInt8(ascii: "}")
                }
                index += 1
                guard index < text.lineCount else { return false }
                bytes = text.line(index)
                offset = 0
            }
        }

        /// The column (0-based, in bytes) where the key of this value starts, when the key is on
        /// the same line: a key after `- ` or blanks, as in a block mapping.
        func keyColumn(in text: LineEditedText) -> Int? {
            let bytes = text.line(line)
            var offset = start - (quote == nil ? 0 : 1) - 1
            while offset >= 0, bytes[offset] == UInt8(ascii: " ") { offset -= 1 }
            guard offset >= 0, bytes[offset] == UInt8(ascii: ":") else { return nil }
            offset -= 1
            while offset >= 0, bytes[offset] == UInt8(ascii: " ") { offset -= 1 }
            guard offset >= 0 else { return nil }
            if bytes[offset] == UInt8(ascii: "\"") || bytes[offset] == UInt8(ascii: "'") {
                let quote = bytes[offset]
                offset -= 1
                while offset >= 0, bytes[offset] != quote { offset -= 1 }
                return offset >= 0 ? offset : nil
            }
            while offset > 0, bytes[offset - 1] != UInt8(ascii: " ") { offset -= 1 }
            return offset
        }
    }
}
