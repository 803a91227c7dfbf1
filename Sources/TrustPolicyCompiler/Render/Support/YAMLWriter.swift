/// Writes a `JSONValue` as block-style YAML for Kubernetes manifests, deterministically: keys in
/// the order given, strings quoted whenever a YAML 1.1 or 1.2 reader could take them for
/// something else, multi-line strings (PEM) as literal blocks.
///
/// Writes UTF-8 bytes into one buffer: an environment's verifier holds tens of thousands of
/// scopes, and building a String per line and per scalar was most of a render's time.
enum YAMLWriter {
    static func document(_ value: JSONValue) -> String {
        String(decoding: bytes([value]), as: UTF8.self)
    }

    /// Several documents separated by `---`.
    static func documents(_ values: [JSONValue]) -> String {
        String(decoding: bytes(values), as: UTF8.self)
    }

    /// `documents(values)` as UTF-8.
    static func bytes(_ values: [JSONValue]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        for (index, value) in values.enumerated() {
            if index > 0 { output.append(contentsOf: "---\n".utf8) }
            let start = output.count
            write(value, indent: 0, into: &output, inSequence: false)
            if output.count == start || output.last != UInt8(ascii: "\n") { output.append(UInt8(ascii: "\n")) }
        }
        // Rendered files are kept until the tree is written: a small one (a kustomization, the
        // head of a namespaced verifier) must not keep the 4 KB reserved for writing it.
        return output.capacity > 2 * output.count ? output.withUnsafeBufferPointer { Array($0) } : output
    }

    private static func pad(_ indent: Int, into output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }

    private static func write(_ value: JSONValue, indent: Int, into output: inout [UInt8], inSequence: Bool) {
        switch value {
        case .object(let members):
            guard !members.isEmpty else {
                output.append(contentsOf: "{}\n".utf8)
                return
            }
            for (index, member) in members.enumerated() {
                if !(inSequence && index == 0) { pad(indent, into: &output) }
                key(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                writeNested(member.value, indent: indent, into: &output)
            }
        case .array(let items):
            guard !items.isEmpty else {
                output.append(contentsOf: "[]\n".utf8)
                return
            }
            for (index, item) in items.enumerated() {
                if !(inSequence && index == 0) { pad(indent, into: &output) }
                output.append(contentsOf: "- ".utf8)
                switch item {
                case .object(let members) where !members.isEmpty:
                    write(item, indent: indent + 2, into: &output, inSequence: true)
                case .array(let nested) where !nested.isEmpty:
                    write(item, indent: indent + 2, into: &output, inSequence: true)
                default:
                    scalar(item, indent: indent + 2, into: &output)
                    output.append(UInt8(ascii: "\n"))
                }
            }
        default:
            scalar(value, indent: indent, into: &output)
            output.append(UInt8(ascii: "\n"))
        }
    }

    private static func writeNested(_ value: JSONValue, indent: Int, into output: inout [UInt8]) {
        switch value {
        case .object(let members) where !members.isEmpty:
            output.append(UInt8(ascii: "\n"))
            write(value, indent: indent + 2, into: &output, inSequence: false)
        case .array(let items) where !items.isEmpty:
            output.append(UInt8(ascii: "\n"))
            write(value, indent: indent + 2, into: &output, inSequence: false)
        default:
            output.append(UInt8(ascii: " "))
            scalar(value, indent: indent + 2, into: &output)
            output.append(UInt8(ascii: "\n"))
        }
    }

    private static func key(_ text: String, into output: inout [UInt8]) {
        if isSafePlain(text) {
            output.append(contentsOf: text.utf8)
        } else {
            JSONValue.writeString(text, to: &output)
        }
    }

    private static func scalar(_ value: JSONValue, indent: Int, into output: inout [UInt8]) {
        switch value {
        case .string(let text): string(text, indent: indent, into: &output)
        case .integer(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number): output.append(contentsOf: String(number).utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        case .object: output.append(contentsOf: "{}".utf8)
        case .array: output.append(contentsOf: "[]".utf8)
        }
    }

    private static func string(_ text: String, indent: Int, into output: inout [UInt8]) {
        if isLiteralBlock(text) {
            if text.utf8.allSatisfy({ $0 < 0x80 }) {
                literalBlock(text, indent: indent, into: &output)
            } else {
                // Non-ASCII text keeps the Character-based reading of line breaks and prefixes.
                output.append(contentsOf: unicodeLiteralBlock(text, indent: indent).utf8)
            }
            return
        }
        if isSafePlain(text) {
            output.append(contentsOf: text.utf8)
        } else {
            JSONValue.writeString(text, to: &output)
        }
    }

    /// Whether a literal block (`|`) reads back as exactly `text` in every YAML reader: line feeds
    /// are its only line breaks and it has no other control or break character (DEL, C1
    /// controls, NEL, LS, PS, BOM: escaped in a quoted string instead), and its first line has
    /// text not starting with a space, from which a reader takes the block's indentation.
    private static func isLiteralBlock(_ text: String) -> Bool {
        guard let first = text.utf8.first, first != UInt8(ascii: " "), first != UInt8(ascii: "\n"),
              text.utf8.contains(UInt8(ascii: "\n")) else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar == "\n" || (scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80...0x9F).contains(scalar.value)
                                && scalar != "\u{2028}" && scalar != "\u{2029}" && scalar != "\u{FEFF}")
        }
    }

    /// `|` keeps exactly one final newline, `|-` none; other trailing newlines are not produced
    /// by trustc's values. For ASCII text without carriage returns, where lines are bytes
    /// between line feeds.
    private static func literalBlock(_ text: String, indent: Int, into output: inout [UInt8]) {
        var body = Substring(text).utf8[...]
        if body.last == UInt8(ascii: "\n") {
            body = body.dropLast()
            output.append(contentsOf: (body.last == UInt8(ascii: "\n") ? "|+" : "|").utf8)
        } else {
            output.append(contentsOf: "|-".utf8)
        }
        output.append(UInt8(ascii: "\n"))
        var first = true
        for line in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if !first { output.append(UInt8(ascii: "\n")) }
            first = false
            if !line.isEmpty {
                pad(indent, into: &output)
                output.append(contentsOf: line)
            }
        }
    }

    /// `literalBlock` for any text, splitting on Characters.
    private static func unicodeLiteralBlock(_ text: String, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var body = Substring(text)
        let header: String
        if body.hasSuffix("\n") {
            body = body.dropLast()
            header = body.hasSuffix("\n") ? "|+" : "|"
        } else {
            header = "|-"
        }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        return header + "\n" + lines.map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }

    /// Plain scalars that every YAML reader (1.1 and 1.2) reads back as the same string.
    static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 200 else { return false }
        func isWordByte(_ byte: UInt8) -> Bool {
            (97...122).contains(byte) || (65...90).contains(byte) || (48...57).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "/")
        }
        // A letter, `/` or `.` first, but never `.` and a digit (`.1_0` is a YAML 1.1 float).
        let second = text.utf8.dropFirst().first
        guard (97...122).contains(first) || (65...90).contains(first) || first == UInt8(ascii: "/")
                || (first == UInt8(ascii: ".") && !(second.map { (48...57).contains($0) } ?? false)),
              text.utf8.allSatisfy(isWordByte) else { return false }
        return !isReserved(text) && !CoreSchema.isFloat(text)
    }

    /// Words YAML 1.1 or 1.2 readers take for booleans or null.
    private static func isReserved(_ text: String) -> Bool {
        guard text.utf8.count <= 5 else { return false }
        switch text {
        case "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
             "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL":
            return true
        default:
            return false
        }
    }
}
