import Foundation
import Testing
@testable import TrustPolicyCompiler

/// `JSONValue`: members in the order given, RFC 8259 escaping, exact integers, two layouts.
@Suite struct JSONValueTests {
    static func string(_ text: String) -> String {
        var bytes: [UInt8] = []
        JSONValue.writeString(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func prettyLayout() {
        let value: JSONValue = .object([
            "version": .string("1.0"),
            "count": .integer(2),
            "flags": .array([.bool(true), .bool(false), .null]),
            "nested": .object(["list": .array([.object(["a": .integer(1)]), .array([.integer(2)])])]),
        ])
        #expect(value.serialized() == """
            {
              "version": "1.0",
              "count": 2,
              "flags": [
                true,
                false,
                null
              ],
              "nested": {
                "list": [
                  {
                    "a": 1
                  },
                  [
                    2
                  ]
                ]
              }
            }

            """)
    }

    @Test func compactLayout() {
        let value: JSONValue = .object(["a": .array([.integer(1), .string("x"), .object([])]), "b": .null])
        #expect(value.compact() == #"{"a":[1,"x",{}],"b":null}"#)
        #expect(JSONValue.string("s").compact() == #""s""#)
    }

    @Test func membersKeepTheirOrder() {
        let value: JSONValue = .object(["zeta": .integer(1), "alpha": .integer(2), "mid": .integer(3)])
        #expect(value.compact() == #"{"zeta":1,"alpha":2,"mid":3}"#)
        let members: JSONValue = .object([.init("b", .integer(1)), .init("a", .integer(2))])
        #expect(members.compact() == #"{"b":1,"a":2}"#)
    }

    @Test func nilMembersAreLeftOut() {
        let absent: JSONValue? = nil
        let value = JSONValue.object(["a": absent, "b": .string("x"), "c": nil, "d": .null])
        #expect(value.compact() == #"{"b":"x","d":null}"#)
        #expect(JSONValue.object(["only": absent]).compact() == "{}")
        #expect(JSONValue.object(["only": absent]) == .object([]))
    }

    @Test func nestedEmptyContainers() {
        let value: JSONValue = .object([
            "o": .object([]), "a": .array([]), "aa": .array([.array([])]), "ao": .array([.object([])]),
            "oo": .object(["x": .object([])]),
        ])
        #expect(value.compact() == #"{"o":{},"a":[],"aa":[[]],"ao":[{}],"oo":{"x":{}}}"#)
        #expect(value.serialized() == """
            {
              "o": {},
              "a": [],
              "aa": [
                []
              ],
              "ao": [
                {}
              ],
              "oo": {
                "x": {}
              }
            }

            """)
        #expect(JSONValue.object([]).serialized() == "{}\n")
        #expect(JSONValue.array([]).serialized() == "[]\n")
    }

    @Test func integersAreExact() {
        #expect(JSONValue.array([.integer(0), .integer(-1), .integer(Int.max), .integer(Int.min)]).compact()
                == "[0,-1,9223372036854775807,-9223372036854775808]")
    }

    @Test func stringsHelper() {
        #expect(JSONValue.strings(["a", "b"]) == .array([.string("a"), .string("b")]))
        #expect(JSONValue.strings([]).compact() == "[]")
    }

    @Test func escaping() {
        #expect(Self.string("plain") == #""plain""#)
        #expect(Self.string("") == #""""#)
        #expect(Self.string("\"") == #""\"""#)
        #expect(Self.string("\\") == #""\\""#)
        #expect(Self.string("a\nb\rc\td") == #""a\nb\rc\td""#)
        #expect(Self.string("\u{0}\u{1}\u{8}\u{C}\u{1F}") == #""\u0000\u0001\u0008\u000c\u001f""#)
        #expect(Self.string("\u{7F}") == #""\u007f""#)
        // Not escaped: the solidus, space, non-ASCII text (kept as UTF-8).
        #expect(Self.string("a/b c") == #""a/b c""#)
        #expect(Self.string("Zürich 漢字 🙂 e\u{301}") == "\"Zürich 漢字 🙂 e\u{301}\"")
        #expect(Array(Self.string("é").utf8) == [0x22, 0xC3, 0xA9, 0x22])
        // Runs between escapes are copied whole.
        #expect(Self.string("ab\"cd\\ef\ngh") == #""ab\"cd\\ef\ngh""#)
        // Keys are escaped like values.
        #expect(JSONValue.object(["a\"b\n": .integer(1)]).compact() == #"{"a\"b\n":1}"#)
    }

    /// Every string of a seeded generator (all ASCII control characters, quotes, backslashes,
    /// non-ASCII scalars) parses back, through Foundation's JSON decoder, as itself, as a value
    /// and as a key. (Not through `JSONSerialization`: on Linux it drops a U+FEFF that starts a
    /// string.)
    @Test func randomStringsParseBackAsThemselves() throws {
        var generator = SeededGenerator(seed: 0x4A53_4F4E)
        let scalars: [Unicode.Scalar] = (0..<0x80).compactMap(Unicode.Scalar.init) + ["é", "\u{85}", "\u{2028}", "\u{FEFF}", "漢", "🙂", "\u{301}"]
        var strings: [String] = []
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...12, using: &generator)
            var text = String.UnicodeScalarView()
            for _ in 0..<length { text.append(scalars.randomElement(using: &generator)!) }
            strings.append(String(text))
        }
        let value = JSONValue.object([
            JSONValue.Member("strings", .strings(strings)),
            JSONValue.Member("keys", .object(strings.enumerated().map { JSONValue.Member("\($0.offset):\($0.element)", .integer($0.offset)) })),
        ])
        struct Parsed: Decodable {
            var strings: [String]
            var keys: [String: Int]
        }
        for text in [value.serialized(), value.compact()] {
            let parsed = try JSONDecoder().decode(Parsed.self, from: Data(text.utf8))
            #expect(parsed.strings.count == strings.count)
            for (index, (got, wanted)) in zip(parsed.strings, strings).enumerated() where !got.unicodeScalars.elementsEqual(wanted.unicodeScalars) {
                Issue.record("string \(index) \(wanted.debugDescription) parsed back as \(got.debugDescription)")
            }
            #expect(parsed.keys.count == strings.count)
            for (index, string) in strings.enumerated() where parsed.keys["\(index):\(string)"] != index {
                Issue.record("key \(index) \(string.debugDescription) did not parse back")
            }
        }
    }

    /// A document of every kind of value parses back to the same structure.
    @Test func aDocumentParsesBack() throws {
        let value: JSONValue = .object([
            "s": .string("x"), "i": .integer(-7), "t": .bool(true), "f": .bool(false), "n": .null,
            "a": .array([.integer(1), .array([]), .object([])]), "o": .object(["k": .string("v")]),
        ])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(value.serialized().utf8)) as? NSDictionary)
        let expected: NSDictionary = [
            "s": "x", "i": -7, "t": true, "f": false, "n": NSNull(),
            "a": [1, [] as [Any], [:] as [String: Any]] as [Any], "o": ["k": "v"],
        ]
        #expect(parsed == expected)
        // Booleans stay booleans, not numbers.
        #expect(value.compact().contains(#""t":true"#))
        #expect(value.compact().contains(#""f":false"#))
    }
}
