/// Writes a `JSONValue` as block-style YAML for Kubernetes manifests, deterministically: keys in
/// the order given, strings quoted whenever a YAML 1.1 or 1.2 reader could take them for
/// something else, multi-line strings (PEM) as literal blocks.
enum YAMLWriter {
    static func document(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, into: &output, inSequence: false)
        if !output.hasSuffix("\n") { output += "\n" }
        return output
    }

    /// Several documents separated by `---`.
    static func documents(_ values: [JSONValue]) -> String {
        values.map(document).joined(separator: "---\n")
    }

    private static func write(_ value: JSONValue, indent: Int, into output: inout String, inSequence: Bool) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}\n"
                return
            }
            for (index, member) in members.enumerated() {
                if !(inSequence && index == 0) { output += pad }
                output += key(member.key) + ":"
                writeNested(member.value, indent: indent, into: &output, sequenceIndent: indent)
            }
        case .array(let items):
            guard !items.isEmpty else {
                output += "[]\n"
                return
            }
            for (index, item) in items.enumerated() {
                if !(inSequence && index == 0) { output += pad }
                output += "- "
                switch item {
                case .object(let members) where !members.isEmpty:
                    write(item, indent: indent + 2, into: &output, inSequence: true)
                case .array(let nested) where !nested.isEmpty:
                    write(item, indent: indent + 2, into: &output, inSequence: true)
                default:
                    output += scalar(item, indent: indent + 2) + "\n"
                }
            }
        default:
            output += scalar(value, indent: indent) + "\n"
        }
    }

    private static func writeNested(_ value: JSONValue, indent: Int, into output: inout String, sequenceIndent: Int) {
        switch value {
        case .object(let members) where !members.isEmpty:
            output += "\n"
            write(value, indent: indent + 2, into: &output, inSequence: false)
        case .array(let items) where !items.isEmpty:
            output += "\n"
            write(value, indent: sequenceIndent + 2, into: &output, inSequence: false)
        default:
            output += " " + scalar(value, indent: indent + 2) + "\n"
        }
    }

    private static func key(_ text: String) -> String {
        isSafePlain(text) ? text : quoted(text)
    }

    private static func scalar(_ value: JSONValue, indent: Int) -> String {
        switch value {
        case .string(let text):
            if text.contains("\n") && !text.contains("\r") && !text.hasPrefix(" ") && text.unicodeScalars.allSatisfy({ $0 == "\n" || $0.value >= 0x20 }) {
                return literalBlock(text, indent: indent)
            }
            return isSafePlain(text) ? text : quoted(text)
        case .integer(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .object: return "{}"
        case .array: return "[]"
        }
    }

    /// `|` keeps exactly one final newline, `|-` none; other trailing newlines are not produced
    /// by trustc's values.
    private static func literalBlock(_ text: String, indent: Int) -> String {
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

    private static func quoted(_ text: String) -> String {
        var output: [UInt8] = []
        JSONValue.writeString(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Plain scalars that every YAML reader (1.1 and 1.2) reads back as the same string.
    static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 200 else { return false }
        func isWordByte(_ byte: UInt8) -> Bool {
            (97...122).contains(byte) || (65...90).contains(byte) || (48...57).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "/")
        }
        guard (97...122).contains(first) || (65...90).contains(first) || first == UInt8(ascii: "/")
                || first == UInt8(ascii: "."),
              text.utf8.allSatisfy(isWordByte) else { return false }
        let reserved: Set<String> = ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
                                     "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null",
                                     "NULL"]
        return !reserved.contains(text) && !CoreSchema.isFloat(text)
    }
}
