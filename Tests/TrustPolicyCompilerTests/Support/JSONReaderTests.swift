import Foundation
import Testing
@testable import TrustPolicyCompiler

/// The JSON reader the operations commands read tool exports with: every value kind, skipping
/// without building, and a located error for each way JSON can be broken.
@Suite struct JSONReaderTests {
    private func read(_ text: String) throws(JSONReader.Failure) -> JSONValue {
        try JSONReader.document(Array(text.utf8))
    }

    @Test func readsEveryKindInOrder() throws {
        let value = try read(#" { "b": [1, -2, 3.5, 1e3, true, false, null], "a": {"x": "y"}, "e": [], "o": {} } "#)
        #expect(value == .object([
            .init("b", .array([.integer(1), .integer(-2), .double(3.5), .double(1000), .bool(true), .bool(false), .null])),
            .init("a", .object([.init("x", .string("y"))])),
            .init("e", .array([])),
            .init("o", .object([])),
        ]))
        #expect(value["a"]?["x"]?.stringValue == "y")
        #expect(value["missing"] == nil)
    }

    @Test func decodesEscapes() throws {
        #expect(try read(#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\u{8}\u{c}\n\r\té😀"))
        #expect(try read("\"caf\u{e9}\"") == .string("café"))
    }

    @Test func agreesWithFoundationOnRandomDocuments() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let value = randomValue(depth: 0, using: &generator)
            let text = value.compact()
            #expect(try read(text) == value, "\(text)")
            // Foundation parses what trustc's writer wrote: both agree it is JSON.
            #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil, "\(text)")
        }
    }

    @Test func skipsWithoutBuilding() throws {
        var reader = JSONReader(Array(#"{"skip": {"deep": [1, {"a": "b"}]}, "keep": "yes"}"#.utf8))
        var kept: String?
        try reader.object { key, reader throws(JSONReader.Failure) in
            if key == "keep" { kept = try reader.string() } else { try reader.skip() }
        }
        try reader.end()
        #expect(kept == "yes")
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9, "expected a member name"),
        ("{\"a\" 1}", 1, 6, "expected `:`"),
        ("[1 2]", 1, 4, "expected `,` or `]`"),
        ("{\n  \"a\": tru\n}", 2, 8, "expected `true`, `false` or `null`"),
        ("\"abc", 1, 5, "unexpected end of input in a string"),
        ("\"a\u{1}b\"", 1, 3, "a control character"),
        ("\"\\x\"", 1, 2, "an invalid escape"),
        ("\"\\ud83d\\u0041\"", 1, 14, "an unpaired surrogate"),
        ("01", 1, 3, "a number with a leading zero"),
        ("1.", 1, 3, "expected a digit after `.`"),
        ("1e999", 1, 6, "a number out of range"),
        ("{} {}", 1, 4, "after the value"),
        ("", 1, 1, "unexpected end of input"),
    ])
    func reportsWhereItBreaks(text: String, line: Int, column: Int, message: String) {
        #expect {
            _ = try read(text)
        } throws: { error in
            guard let failure = error as? JSONReader.Failure else { return false }
            return failure.line == line && failure.column == column && failure.message.contains(message)
        }
    }

    @Test func boundsNesting() {
        let deep = String(repeating: "[", count: JSONReader.maxDepth + 1) + String(repeating: "]", count: JSONReader.maxDepth + 1)
        #expect(throws: JSONReader.Failure.self) { _ = try read(deep) }
        let fine = String(repeating: "[", count: JSONReader.maxDepth) + String(repeating: "]", count: JSONReader.maxDepth)
        #expect((try? read(fine)) != nil)
    }

    private func randomValue(depth: Int, using generator: inout SystemRandomNumberGenerator) -> JSONValue {
        let kinds = depth > 3 ? 5 : 7
        switch Int.random(in: 0..<kinds, using: &generator) {
        case 0: return .integer(Int.random(in: -1_000_000...1_000_000, using: &generator))
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .null
        case 3, 4:
            let scalars = (0..<Int.random(in: 0..<8, using: &generator)).map { _ in
                Character(Unicode.Scalar([0x22, 0x5C, 0x0A, 0x01, 0x41, 0xE9, 0x1F600].randomElement(using: &generator)!)!)
            }
            return .string(String(scalars))
        case 5:
            return .array((0..<Int.random(in: 0..<4, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            return .object((0..<Int.random(in: 0..<4, using: &generator)).map { index in
                .init("k\(index)", randomValue(depth: depth + 1, using: &generator))
            })
        }
    }
}
