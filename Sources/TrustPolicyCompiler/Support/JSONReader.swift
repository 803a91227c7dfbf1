/// Reads JSON (RFC 8259) from UTF-8 bytes, as the operations commands get it from real tools
/// (`notation inspect -o json`, `kubectl get -o json`, `az ... -o json`).
///
/// A pull reader: callers walk objects and arrays and read only the members they need, skipping
/// the rest without building it, so a 100,000-line inventory costs what its few interesting
/// fields cost; `value()` builds a whole `JSONValue` where that is simpler. Errors carry the
/// position (line and column, 1-based, columns in bytes) so a malformed export is reported
/// where it breaks. Nesting is bounded, so hostile input cannot exhaust the stack.
public struct JSONReader {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var message: String
        /// 1-based line and byte column of the problem.
        public var line: Int
        public var column: Int

        public var description: String { "line \(line), column \(column): \(message)" }
    }

    public static let maxDepth = 256

    private let bytes: [UInt8]
    private var index: Int
    private var depth = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        index = 0
    }

    /// A whole document: one value and nothing after it but whitespace.
    public static func document(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        var reader = JSONReader(bytes)
        let value = try reader.value()
        try reader.end()
        return value
    }

    /// Fails unless only whitespace is left.
    public mutating func end() throws(Failure) {
        skipWhitespace()
        if index < bytes.count { throw failure("unexpected `\(Character(Unicode.Scalar(bytes[index])))` after the value") }
    }

    /// What the next value is, without consuming it.
    public enum Kind: Sendable, Equatable {
        case object, array, string, number, bool, null
    }

    public mutating func peek() throws(Failure) -> Kind {
        skipWhitespace()
        guard index < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw failure("unexpected `\(Character(Unicode.Scalar(bytes[index])))`")
        }
    }

    /// Walks an object's members in order; `member` reads or skips each value (it must consume
    /// exactly one value).
    public mutating func object(_ member: (String, inout JSONReader) throws(Failure) -> Void) throws(Failure) {
        try open(UInt8(ascii: "{"), "an object")
        defer { depth -= 1 }
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a member name") }
            let key = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected `:` after a member name") }
            index += 1
            try member(key, &self)
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input in an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw failure("expected `,` or `}` in an object") }
            index += 1
            return
        }
    }

    /// Walks an array's elements in order; `element` must consume exactly one value.
    public mutating func array(_ element: (inout JSONReader) throws(Failure) -> Void) throws(Failure) {
        try open(UInt8(ascii: "["), "an array")
        defer { depth -= 1 }
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            try element(&self)
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input in an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw failure("expected `,` or `]` in an array") }
            index += 1
            return
        }
    }

    /// A string value; anything else is an error naming `what`.
    public mutating func string(_ what: String = "a string") throws(Failure) -> String {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected \(what)") }
        index += 1
        let start = index
        // The common case, no escape: one copy of the bytes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw failure("a control character in a string") }
            index += 1
        }
        var scalars = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                       bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw failure("an unpaired surrogate in a string") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw failure("an unpaired surrogate in a string") }
                    scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    index -= 2
                    throw failure("an invalid escape in a string")
                }
            default:
                if byte < 0x20 { throw failure("a control character in a string") }
                scalars.append(byte)
                index += 1
            }
        }
        throw failure("unexpected end of input in a string")
    }

    /// A string, or `nil` for `null`.
    public mutating func optionalString(_ what: String = "a string") throws(Failure) -> String? {
        if try peek() == .null {
            index += 4
            return nil
        }
        return try string(what)
    }

    /// Skips one value of any kind, checking that it is well-formed.
    public mutating func skip() throws(Failure) {
        switch try peek() {
        case .object: try object { _, reader throws(Failure) in try reader.skip() }
        case .array: try array { reader throws(Failure) in try reader.skip() }
        case .string: _ = try string()
        case .number: _ = try number()
        case .bool, .null: _ = try literal()
        }
    }

    /// One whole value.
    public mutating func value() throws(Failure) -> JSONValue {
        switch try peek() {
        case .object:
            var members: [JSONValue.Member] = []
            try object { key, reader throws(Failure) in members.append(.init(key, try reader.value())) }
            return .object(members)
        case .array:
            var items: [JSONValue] = []
            try array { reader throws(Failure) in items.append(try reader.value()) }
            return .array(items)
        case .string: return .string(try string())
        case .number: return try number()
        case .bool, .null: return try literal()
        }
    }

    /// The 1-based line and byte column of the reader's position.
    public var position: (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for offset in 0..<min(index, bytes.count) where bytes[offset] == UInt8(ascii: "\n") {
            line += 1
            lineStart = offset + 1
        }
        return (line, index - lineStart + 1)
    }

    /// A failure at the reader's position.
    public func failure(_ message: String) -> Failure {
        let (line, column) = position
        return Failure(message: message, line: line, column: column)
    }

    private mutating func open(_ bracket: UInt8, _ what: String) throws(Failure) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == bracket else { throw failure("expected \(what)") }
        guard depth < Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth) levels") }
        depth += 1
        index += 1
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return
            }
        }
    }

    private mutating func literal() throws(Failure) -> JSONValue {
        for (word, value) in [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)] {
            let utf8 = Array(word.utf8)
            if bytes.count - index >= utf8.count, bytes[index..<index + utf8.count].elementsEqual(utf8) {
                index += utf8.count
                return value
            }
        }
        throw failure("expected `true`, `false` or `null`")
    }

    private mutating func number() throws(Failure) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits() -> Int {
            let first = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - first
        }
        let integerDigits = digits()
        guard integerDigits > 0 else { throw failure("expected a digit") }
        if integerDigits > 1, bytes[index - integerDigits] == UInt8(ascii: "0") { throw failure("a number with a leading zero") }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            isInteger = false
            guard digits() > 0 else { throw failure("expected a digit after `.`") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            isInteger = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw failure("expected a digit in the exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let value = Int(text) { return .integer(value) }
        guard let value = Double(text), value.isFinite else { throw failure("a number out of range") }
        return .double(value)
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard bytes.count - index >= 4 else { throw failure("an incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("an invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}

extension JSONValue {
    /// The value of member `key` of an object (the first, if repeated), `nil` for other kinds.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { items } else { nil }
    }
}
