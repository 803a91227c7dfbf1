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
    /// Where the document starts and ends in `bytes`: a reader may read one line of a larger
    /// buffer without copying it.
    private let start: Int
    private let limit: Int
    private var index: Int
    private var depth = 0

    public init(_ bytes: [UInt8]) {
        self.init(bytes, in: 0..<bytes.count)
    }

    /// A reader of `bytes[range]` alone (one line of a JSON Lines block, say); positions count
    /// from the range's start.
    public init(_ bytes: [UInt8], in range: Range<Int>) {
        self.bytes = bytes
        start = range.lowerBound
        limit = range.upperBound
        index = range.lowerBound
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
        if index < limit { throw failure("unexpected `\(Character(Unicode.Scalar(bytes[index])))` after the value") }
    }

    /// Whether what is left, after whitespace, starts with `prefix` (for trailing text a tool
    /// prints after its JSON).
    public mutating func remainderStarts(with prefix: String) -> Bool {
        skipWhitespace()
        let utf8 = Array(prefix.utf8)
        return limit - index >= utf8.count && bytes[index..<index + utf8.count].elementsEqual(utf8)
    }

    /// What the next value is, without consuming it.
    public enum Kind: Sendable, Equatable {
        case object, array, string, number, bool, null
    }

    public mutating func peek() throws(Failure) -> Kind {
        skipWhitespace()
        guard index < limit else { throw failure("unexpected end of input") }
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
        try members({ reader throws(Failure) in try reader.string() }, member)
    }

    /// The walk every object takes: `name` reads a member's name (the reader is at its `"`),
    /// `member` its value.
    private mutating func members<Name>(_ name: (inout JSONReader) throws(Failure) -> Name,
                                        _ member: (Name, inout JSONReader) throws(Failure) -> Void) throws(Failure) {
        try open(UInt8(ascii: "{"), "an object")
        defer { depth -= 1 }
        skipWhitespace()
        if index < limit, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard index < limit, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a member name") }
            let key = try name(&self)
            skipWhitespace()
            guard index < limit, bytes[index] == UInt8(ascii: ":") else { throw failure("expected `:` after a member name") }
            index += 1
            try member(key, &self)
            skipWhitespace()
            guard index < limit else { throw failure("unexpected end of input in an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw failure("expected `,` or `}` in an object") }
            index += 1
            return
        }
    }

    /// The member names a caller reads, matched against an object's raw member names without
    /// building a string for each (`object(keys:_:)`); built once, kept in a `static let`.
    public struct Keys<Key: RawRepresentable & CaseIterable & Sendable>: Sendable where Key.RawValue == String {
        /// Every name's UTF-8 bytes, one after another, and where each is.
        private let spelled: [UInt8]
        private let spans: [Range<Int>]
        private let cases: [Key]

        public init() {
            cases = Array(Key.allCases)
            var spelled: [UInt8] = [], spans: [Range<Int>] = []
            for key in cases {
                spans.append(spelled.count..<spelled.count + key.rawValue.utf8.count)
                spelled.append(contentsOf: key.rawValue.utf8)
            }
            self.spelled = spelled
            self.spans = spans
        }

        fileprivate func match(_ bytes: UnsafeBufferPointer<UInt8>) -> Key? {
            spelled.withUnsafeBufferPointer { names in
                candidates: for (index, span) in spans.enumerated() where span.count == bytes.count {
                    for offset in 0..<bytes.count where names[span.lowerBound + offset] != bytes[offset] { continue candidates }
                    return cases[index]
                }
                return nil
            }
        }
    }

    /// Walks an object's members in order, naming each by the key of `keys` it spells (`nil`
    /// for any other name); `member` must consume exactly one value.
    public mutating func object<Key>(keys: Keys<Key>, _ member: (Key?, inout JSONReader) throws(Failure) -> Void) throws(Failure) {
        try members({ reader throws(Failure) in
            let start = reader.index
            // A name with an escape is decoded first (no real tool writes one).
            return try reader.skipString() ? try reader.decodedKey(at: start, keys) : reader.withBytes(start + 1..<reader.index - 1, keys.match)
        }, member)
    }

    private func decodedKey<Key>(at offset: Int, _ keys: Keys<Key>) throws(Failure) -> Key? {
        var copy = self
        copy.index = offset
        var key = try copy.string()
        return key.withUTF8(keys.match)
    }

    /// `body` over `bytes[range]` in place.
    private func withBytes<T>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// A string value handed to `body` as its UTF-8 bytes, decoded only when it has escapes:
    /// for values parsed further (times, digests), which then need no `String` of their own.
    public mutating func withStringBytes<T>(_ what: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) throws(Failure) -> T {
        skipWhitespace()
        guard index < limit, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected \(what)") }
        let start = index
        guard try skipString() else { return withBytes(start + 1..<index - 1, body) }
        var copy = self
        copy.index = start
        var decoded = try copy.string(what)
        return decoded.withUTF8(body)
    }

    /// Walks an array's elements in order; `element` must consume exactly one value.
    public mutating func array(_ element: (inout JSONReader) throws(Failure) -> Void) throws(Failure) {
        try open(UInt8(ascii: "["), "an array")
        defer { depth -= 1 }
        skipWhitespace()
        if index < limit, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            try element(&self)
            skipWhitespace()
            guard index < limit else { throw failure("unexpected end of input in an array") }
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
        guard index < limit, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected \(what)") }
        index += 1
        let start = index
        // The common case, no escape: one copy of the bytes.
        index = plainRun(from: index)
        if index < limit, bytes[index] == UInt8(ascii: "\"") {
            let text = withBytes(start..<index) { String(decoding: $0, as: UTF8.self) }
            index += 1
            return text
        }
        if index < limit, bytes[index] < 0x20 { throw failure("a control character in a string") }
        var scalars = Array(bytes[start..<index])
        while index < limit {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < limit else { break }
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
                    if (0xD800..<0xDC00).contains(code), index + 1 < limit, bytes[index] == UInt8(ascii: "\\"),
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

    /// Consumes a `null` and says so; anything else is left to read.
    public mutating func skipNull() throws(Failure) -> Bool {
        guard try peek() == .null else { return false }
        _ = try literal()
        return true
    }

    /// The string value at an offset returned by `valueOffset()`, read again (for a message
    /// about a value already consumed).
    public func string(at offset: Int) throws(Failure) -> String {
        var copy = self
        copy.index = offset
        return try copy.string()
    }

    /// A string, or `nil` for `null`.
    public mutating func optionalString(_ what: String = "a string") throws(Failure) -> String? {
        if try peek() == .null {
            _ = try literal()
            return nil
        }
        return try string(what)
    }

    /// Skips one value of any kind, checking that it is well-formed, without building strings.
    public mutating func skip() throws(Failure) {
        switch try peek() {
        case .object: try members({ reader throws(Failure) in try reader.skipString() }, { _, reader throws(Failure) in try reader.skip() })
        case .array: try array { reader throws(Failure) in try reader.skip() }
        case .string: try skipString()
        case .number: _ = try number()
        case .bool, .null: _ = try literal()
        }
    }

    /// The offset of the first `"`, `\` or control character at or after `offset`, or `limit`:
    /// the run of a string that needs no decoding.
    private func plainRun(from offset: Int) -> Int {
        let limit = limit
        return bytes.withUnsafeBufferPointer { buffer in
            var position = offset
            while position < limit {
                let byte = buffer[position]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                position += 1
            }
            return position
        }
    }

    /// Checks a string and moves past it; says whether it holds an escape.
    @discardableResult
    private mutating func skipString() throws(Failure) -> Bool {
        index = plainRun(from: index + 1)
        if index < limit, bytes[index] == UInt8(ascii: "\"") {
            index += 1
            return false
        }
        var escaped = false
        while index < limit {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return escaped
            case UInt8(ascii: "\\"):
                escaped = true
                guard index + 1 < limit else { throw failure("unexpected end of input in a string") }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    index += 2
                    let code = try hex4()
                    if (0xD800..<0xDC00).contains(code), index + 1 < limit, bytes[index] == UInt8(ascii: "\\"),
                       bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        guard (0xDC00..<0xE000).contains(try hex4()) else { throw failure("an unpaired surrogate in a string") }
                    } else if (0xD800..<0xE000).contains(code) {
                        throw failure("an unpaired surrogate in a string")
                    }
                default:
                    throw failure("an invalid escape in a string")
                }
            default:
                if byte < 0x20 { throw failure("a control character in a string") }
                index += 1
            }
        }
        throw failure("unexpected end of input in a string")
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
    public var position: (line: Int, column: Int) { position(at: index) }

    /// Where the next value starts (after whitespace), to report a problem with that value once
    /// it has been read.
    public mutating func valueOffset() -> Int {
        skipWhitespace()
        return index
    }

    /// The 1-based line and byte column of an offset returned by `valueOffset()`.
    public func position(at offset: Int) -> (line: Int, column: Int) {
        var line = 1, lineStart = start
        for position in start..<min(offset, limit) where bytes[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        return (line, offset - lineStart + 1)
    }

    /// A failure at the reader's position.
    public func failure(_ message: String) -> Failure {
        failure(message, at: index)
    }

    /// A failure at an offset returned by `valueOffset()`.
    public func failure(_ message: String, at offset: Int) -> Failure {
        let (line, column) = position(at: offset)
        return Failure(message: message, line: line, column: column)
    }

    private mutating func open(_ bracket: UInt8, _ what: String) throws(Failure) {
        skipWhitespace()
        guard index < limit, bytes[index] == bracket else { throw failure("expected \(what)") }
        guard depth < Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth) levels") }
        depth += 1
        index += 1
    }

    private mutating func skipWhitespace() {
        while index < limit {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return
            }
        }
    }

    private mutating func literal() throws(Failure) -> JSONValue {
        func spells(_ word: StaticString) -> Bool {
            guard limit - index >= word.utf8CodeUnitCount else { return false }
            for offset in 0..<word.utf8CodeUnitCount where bytes[index + offset] != word.utf8Start[offset] { return false }
            index += word.utf8CodeUnitCount
            return true
        }
        if spells("true") { return .bool(true) }
        if spells("false") { return .bool(false) }
        if spells("null") { return .null }
        throw failure("expected `true`, `false` or `null`")
    }

    private mutating func number() throws(Failure) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits() -> Int {
            let first = index
            while index < limit, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - first
        }
        let integerDigits = digits()
        guard integerDigits > 0 else { throw failure("expected a digit") }
        if integerDigits > 1, bytes[index - integerDigits] == UInt8(ascii: "0") { throw failure("a number with a leading zero") }
        var isInteger = true
        if index < limit, bytes[index] == UInt8(ascii: ".") {
            index += 1
            isInteger = false
            guard digits() > 0 else { throw failure("expected a digit after `.`") }
        }
        if index < limit, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            isInteger = false
            if index < limit, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw failure("expected a digit in the exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let value = Int(text) { return .integer(value) }
        guard let value = Double(text), value.isFinite else { throw failure("a number out of range") }
        return .double(value)
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard limit - index >= 4 else { throw failure("an incomplete \\u escape") }
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
