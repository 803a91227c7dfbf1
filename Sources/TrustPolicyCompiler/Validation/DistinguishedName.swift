/// A Notation `x509.subject` distinguished name, parsed the way `notation policy import` parses
/// it (notation-go's `internal/pkix.ParseDistinguishedName` over go-ldap v3.4.11's `ParseDN`).
///
/// The rules are Notation's, not RFC 4514's: attribute types are compared exactly (`c` is not
/// `C`), `S` means `ST`, every RDN has one attribute, no type repeats and C, ST and O must be
/// present. Accepting only what Notation accepts is the point: a policy we render must import.
public struct DistinguishedName: Hashable, Sendable, CustomStringConvertible {
    public struct Attribute: Hashable, Sendable {
        public let type: String
        public let value: String

        public init(type: String, value: String) {
            self.type = type
            self.value = value
        }
    }

    /// The attributes in written order, with type `S` normalised to `ST`.
    public let attributes: [Attribute]

    /// The attributes Notation requires, in the order it checks them.
    public static let mandatoryTypes = ["C", "ST", "O"]

    private init(attributes: [Attribute]) {
        self.attributes = attributes
    }

    /// Parses `text` and applies Notation's rules; the first failure wins, in Notation's order.
    public static func parse(_ text: String) -> Result<DistinguishedName, DistinguishedNameError> {
        let scalars = Array(text.unicodeScalars)

        // notation-go rejects "=#" anywhere before parsing (go-ldap's BER decoding of hex values
        // could allocate without bound).
        if let at = hexValueMarker(in: scalars) {
            return .failure(DistinguishedNameError(.hexEncodedValue, at: at))
        }

        let rdns: [[RFC4514Parser.ParsedAttribute]]
        switch RFC4514Parser.parse(scalars) {
        case .success(let parsed): rdns = parsed
        case .failure(let error): return .failure(error)
        }

        var attributes: [Attribute] = []
        var seen = Set<String>()
        for rdn in rdns {
            if rdn.count > 1 {
                return .failure(DistinguishedNameError(.multiValuedRDN, at: rdn[1].separatorOffset))
            }
            for parsed in rdn {
                let type = normalised(parsed.type)
                // Notation only calls a repeat a duplicate when the earlier value was non-empty;
                // we report every repeat, which is stricter and never rejects a DN Notation needs.
                guard seen.insert(type).inserted else {
                    return .failure(DistinguishedNameError(.duplicateAttribute(type), at: parsed.typeOffset))
                }
                attributes.append(Attribute(type: type, value: parsed.value))
            }
        }

        let name = DistinguishedName(attributes: attributes)
        for type in mandatoryTypes where (name.value(of: type) ?? "").isEmpty {
            return .failure(DistinguishedNameError(.missingAttribute(type), at: nil))
        }
        return .success(name)
    }

    /// The value of the attribute of `type` (exact, case-sensitive; `S` asks for `ST`).
    public func value(of type: String) -> String? {
        let type = Self.normalised(type)
        return attributes.first { $0.type == type }?.value
    }

    /// Notation's overlap/match rule: every attribute of self is present in other with an equal value.
    ///
    /// Like notation-go's `IsSubsetDN`, an attribute with an empty value also matches when
    /// `other` lacks that attribute (a missing key reads as "" from a Go map).
    public func isSubset(of other: DistinguishedName) -> Bool {
        attributes.allSatisfy { (other.value(of: $0.type) ?? "") == $0.value }
    }

    /// The canonical form, `C=US, ST=WA, O=Acme`, escaped so that it parses back to `self` and
    /// never contains `=#` (which Notation rejects).
    public var description: String {
        attributes.map { "\(Self.escaped($0.type))=\(Self.escaped($0.value))" }.joined(separator: ", ")
    }

    private static func normalised(_ type: String) -> String { type == "S" ? "ST" : type }

    private static func hexValueMarker(in scalars: [Unicode.Scalar]) -> Int? {
        guard scalars.count >= 2 else { return nil }
        for index in 0..<(scalars.count - 1) where scalars[index] == "=" && scalars[index + 1] == "#" {
            return index
        }
        return nil
    }

    /// RFC 4514 escaping: `\` before specials, `=` and `#` (so `=#` never appears), a leading or
    /// trailing space; `\XX` for control characters.
    private static func escaped(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            let isEdgeSpace = scalar == " " && (index == 0 || index == scalars.count - 1)
            if isEdgeSpace || "\"+,;<>\\=#".unicodeScalars.contains(scalar) {
                result.append("\\")
                result.append(scalar)
            } else if scalar.value < 0x20 || scalar.value == 0x7F {
                let digits = Array("0123456789ABCDEF".unicodeScalars)
                result.append("\\")
                result.append(digits[Int(scalar.value >> 4)])
                result.append(digits[Int(scalar.value & 0xF)])
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}

/// Why a subject is not a distinguished name Notation accepts.
public struct DistinguishedNameError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// go-ldap could not parse the text; the reason is go-ldap's own error text.
        case malformed(String)
        case multiValuedRDN
        case duplicateAttribute(String)
        case missingAttribute(String)
        case hexEncodedValue
    }

    public let kind: Kind
    /// Offset in Unicode scalars from the start of `text` where the problem is, when known (for located diagnostics).
    public let offset: Int?

    public init(_ kind: Kind, at offset: Int?) {
        self.kind = kind
        self.offset = offset
    }

    public var description: String {
        switch kind {
        case .malformed(let reason):
            "not an RFC 4514 distinguished name: \(reason)"
        case .multiValuedRDN:
            "has a multi-valued RDN ('+'), which Notation does not support"
        case .duplicateAttribute(let type):
            "has the attribute \(type) more than once"
        case .missingAttribute(let type):
            "has no \(type) attribute; Notation requires C, ST (or S) and O"
        case .hexEncodedValue:
            "contains \"=#\" (a hex-encoded value), which Notation does not support"
        }
    }
}

/// go-ldap v3.4.11's `ParseDN`, step for step, over Unicode scalars instead of bytes (every
/// character it looks at is ASCII, so the two walks split the text at the same places). Shared
/// by Notation's subjects (`DistinguishedName`) and the names certificates carry
/// (`CertificateName`).
enum RFC4514Parser {
    struct ParsedAttribute {
        var type: String
        var value: String
        /// Where the type starts, after insignificant spaces.
        var typeOffset: Int
        /// Where the `,`, `;` or `+` that ended the previous attribute is (0 for the first).
        var separatorOffset: Int
    }

    /// With `keepingHexValues`, a value written `#<hex>` (Go's form for an attribute type it
    /// has no name for) is kept as written instead of rejected.
    static func parse(_ s: [Unicode.Scalar], keepingHexValues: Bool = false) -> Result<[[ParsedAttribute]], DistinguishedNameError> {
        // go-ldap: an all-whitespace DN is the empty DN (Notation then reports C missing).
        if s.allSatisfy(\.properties.isWhitespace) { return .success([]) }

        var rdns: [[ParsedAttribute]] = []
        var rdn: [ParsedAttribute] = []
        var type = ""
        var typeOffset = 0
        var separatorOffset = 0
        var escaping = false
        var start = 0

        for index in s.indices {
            let scalar = s[index]
            if escaping {
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else if scalar == "=", type.isEmpty {
                // A type that decodes to "" leaves go-ldap waiting for the next "=", so do we.
                switch decode(s, start..<index) {
                case .success(let decoded):
                    type = decoded.text
                    typeOffset = decoded.offset
                case .failure(let error):
                    return .failure(error)
                }
                start = index + 1
            } else if scalar == "," || scalar == "+" || scalar == ";" {
                guard !type.isEmpty else {
                    return .failure(DistinguishedNameError(.malformed("incomplete type, value pair"), at: index))
                }
                switch value(s, start..<index, keepingHex: keepingHexValues) {
                case .success(let value):
                    rdn.append(ParsedAttribute(
                        type: type, value: value, typeOffset: typeOffset, separatorOffset: separatorOffset))
                case .failure(let error):
                    return .failure(error)
                }
                type = ""
                start = index + 1
                separatorOffset = index
                if scalar != "+" {
                    rdns.append(rdn)
                    rdn = []
                }
            }
        }

        guard !type.isEmpty else {
            let pairStart = s[start...].firstIndex { $0 != " " } ?? s.count
            let reason = "DN ended with incomplete type, value pair"
            return .failure(DistinguishedNameError(.malformed(reason), at: pairStart))
        }
        switch value(s, start..<s.count, keepingHex: keepingHexValues) {
        case .success(let value):
            rdn.append(ParsedAttribute(
                type: type, value: value, typeOffset: typeOffset, separatorOffset: separatorOffset))
        case .failure(let error):
            return .failure(error)
        }
        rdns.append(rdn)
        return .success(rdns)
    }

    /// go-ldap's `setValue`: a value starting with `#` is hex-encoded BER. notation-go's `=#`
    /// check rejects those before parsing, so this only guards the invariant.
    private static func value(_ s: [Unicode.Scalar], _ range: Range<Int>, keepingHex: Bool) -> Result<String, DistinguishedNameError> {
        if s[range].first == "#" {
            guard keepingHex else { return .failure(DistinguishedNameError(.hexEncodedValue, at: range.lowerBound)) }
            return .success(String(String.UnicodeScalarView(s[range])))
        }
        return decode(s, range).map(\.text)
    }

    /// go-ldap's `decodeString`: strips unescaped spaces (only U+0020) at both ends and decodes
    /// `\c` and `\XX` escapes. `offset` is where the kept text starts.
    private static func decode(
        _ s: [Unicode.Scalar], _ range: Range<Int>
    ) -> Result<(text: String, offset: Int), DistinguishedNameError> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, s[lower] == " " { lower += 1 }
        while upper > lower, s[upper - 1] == " " { upper -= 1 }
        // v3.4.11 keeps one trailing space when the kept text ends in a backslash, counting no
        // further back (so `a\\ ` keeps a space after the literal backslash, as go-ldap does).
        if lower < upper, s[upper - 1] == "\\", upper < range.upperBound { upper += 1 }

        var bytes: [UInt8] = []
        var index = lower
        while index < upper {
            let scalar = s[index]
            guard scalar == "\\" else {
                bytes.append(contentsOf: String(scalar).utf8)
                index += 1
                continue
            }
            guard index + 1 < upper else {
                let kept = String(String.UnicodeScalarView(s[lower..<upper]))
                return .failure(malformed("got corrupted escaped character: '\(kept)'", at: index))
            }
            let next = s[index + 1]
            if " \"#+,;<=>\\".unicodeScalars.contains(next) {
                bytes.append(contentsOf: String(next).utf8)
                index += 2
                continue
            }
            guard index + 2 < upper else {
                return .failure(malformed(
                    "failed to decode escaped character: encoding/hex: invalid byte: \(next)", at: index))
            }
            let high = s[index + 1], low = s[index + 2]
            guard high.isASCII, low.isASCII else {
                return .failure(malformed(
                    "failed to decode escaped character: invalid byte: \(high)\(low)", at: index))
            }
            guard let highValue = hexValue(high) else {
                let reason = "failed to decode escaped character: \(invalidHexByte(high))"
                return .failure(malformed(reason, at: index))
            }
            guard let lowValue = hexValue(low) else {
                let reason = "failed to decode escaped character: \(invalidHexByte(low))"
                return .failure(malformed(reason, at: index))
            }
            bytes.append(highValue << 4 | lowValue)
            index += 3
        }
        // Go keeps invalid UTF-8 as raw bytes; no certificate subject can hold such a value, so
        // we reject it instead of silently replacing bytes.
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.elementsEqual(bytes) else {
            return .failure(malformed("escaped bytes are not valid UTF-8", at: lower))
        }
        return .success((text, lower))
    }

    private static func malformed(_ reason: String, at offset: Int) -> DistinguishedNameError {
        DistinguishedNameError(.malformed(reason), at: offset)
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x30...0x39: UInt8(scalar.value - 0x30)
        case 0x41...0x46: UInt8(scalar.value - 0x41 + 10)
        case 0x61...0x66: UInt8(scalar.value - 0x61 + 10)
        default: nil
        }
    }

    /// Go's `hex.InvalidByteError` text: `encoding/hex: invalid byte: U+0067 'g'`.
    private static func invalidHexByte(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let printable = (0x20...0x7E).contains(scalar.value)
        return "encoding/hex: invalid byte: \(code)" + (printable ? " '\(scalar)'" : "")
    }
}
