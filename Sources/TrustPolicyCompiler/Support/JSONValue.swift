/// A JSON document with its object members in a chosen order, so output is byte-identical on
/// every run and every machine (Foundation's encoder gives no such guarantee for key order or
/// number formatting).
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    /// A number with a fraction or an exponent (only read, never rendered by trustc).
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([Member])

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue

        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// Builds an object from `(key, value)` pairs in the given order, dropping `nil` values.
    public static func object(_ members: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(members.compactMap { key, value in value.map { Member(key, $0) } })
    }

    public static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    /// Pretty-printed with two-space indentation and a trailing newline.
    public func serialized() -> String {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        write(to: &output, indent: 0, pretty: true)
        output.append(UInt8(ascii: "\n"))
        return String(decoding: output, as: UTF8.self)
    }

    /// On one line, without spaces (JSON Lines, compact embedding).
    public func compact() -> String {
        var output: [UInt8] = []
        write(to: &output, indent: 0, pretty: false)
        return String(decoding: output, as: UTF8.self)
    }

    public func write(to output: inout [UInt8], indent: Int, pretty: Bool) {
        switch self {
        case .string(let text): JSONValue.writeString(text, to: &output)
        case .integer(let value): output.append(contentsOf: String(value).utf8)
        case .double(let value): output.append(contentsOf: String(value).utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        case .array(let items):
            guard !items.isEmpty else {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { JSONValue.newline(&output, indent + 1) }
                item.write(to: &output, indent: indent + 1, pretty: pretty)
            }
            if pretty { JSONValue.newline(&output, indent) }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { JSONValue.newline(&output, indent + 1) }
                JSONValue.writeString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(UInt8(ascii: " ")) }
                member.value.write(to: &output, indent: indent + 1, pretty: pretty)
            }
            if pretty { JSONValue.newline(&output, indent) }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ output: inout [UInt8], _ indent: Int) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// RFC 8259 string escaping; non-ASCII text stays UTF-8, except the characters YAML readers
    /// take for line breaks or refuse raw (C1 controls, LS, PS, BOM), which YAMLWriter also
    /// writes through here: escaped, both forms read them back as themselves.
    static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        // Runs of bytes that need no escape (nearly all of them) are copied in one go.
        text.withUTF8 { bytes in
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                var escaped: UInt32?
                var width = 1
                if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    escaped = UInt32(byte)
                } else if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                    escaped = UInt32(bytes[index + 1])
                    width = 2
                } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                    escaped = 0x2000 + UInt32(bytes[index + 2] - 0x80)
                    width = 3
                } else if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
                    escaped = 0xFEFF
                    width = 3
                }
                guard let code = escaped else {
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                index += width
                start = index
                switch code {
                case 0x22: output.append(contentsOf: [92, 34])
                case 0x5C: output.append(contentsOf: [92, 92])
                case 0x0A: output.append(contentsOf: [92, 110])
                case 0x0D: output.append(contentsOf: [92, 114])
                case 0x09: output.append(contentsOf: [92, 116])
                default:
                    let digits = Array("0123456789abcdef".utf8)
                    output.append(contentsOf: [92, UInt8(ascii: "u")] + [12, 8, 4, 0].map { digits[Int((code >> $0) & 0xF)] })
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        output.append(UInt8(ascii: "\""))
    }
}
