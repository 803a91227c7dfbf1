import Testing
@testable import TrustPolicyCompiler

/// How `drift` compares two objects: by meaning, reporting the paths that differ.
@Suite struct SemanticComparisonTests {
    static func paths(_ expected: JSONValue, _ actual: JSONValue) -> [String] {
        SemanticComparison.differences(expected, actual)
    }

    @Test func memberOrderDoesNotCount() {
        #expect(Self.paths(.object(["a": .integer(1), "b": .string("x")]), .object(["b": .string("x"), "a": .integer(1)])) == [])
    }

    @Test func numbersCompareByValue() {
        #expect(Self.paths(.object(["ttl": .integer(10)]), .object(["ttl": .double(10)])) == [])
        #expect(Self.paths(.object(["ttl": .integer(10)]), .object(["ttl": .string("10")])) == ["ttl"])
        #expect(Self.paths(.array([.integer(1), .integer(2)]), .array([.double(2), .double(1)])) == [])
    }

    @Test func missingAndAddedMembersAreReported() {
        #expect(Self.paths(.object(["a": .integer(1), "b": .integer(2)]), .object(["a": .integer(1), "c": .integer(3)])) == ["b", "c"])
    }

    @Test func listsOfScalarsAreSets() {
        let scopes = JSONValue.strings(["r.io/a", "r.io/b", "r.io/b"])
        #expect(Self.paths(.object(["s": scopes]), .object(["s": .strings(["r.io/b", "r.io/a", "r.io/b"])])) == [])
        #expect(Self.paths(.object(["s": scopes]), .object(["s": .strings(["r.io/a", "r.io/b"])])) == ["s"])
        #expect(Self.paths(.object(["s": scopes]), .object(["s": .strings(["r.io/a", "r.io/b", "r.io/c"])])) == ["s"])
    }

    @Test func listsOfNamedObjectsMatchByName() {
        let a = JSONValue.object(["name": .string("a"), "level": .string("strict")])
        let b = JSONValue.object(["name": .string("b"), "level": .string("strict")])
        let bAudit = JSONValue.object(["name": .string("b"), "level": .string("audit")])
        let c = JSONValue.object(["name": .string("c")])
        #expect(Self.paths(.object(["p": .array([a, b])]), .object(["p": .array([b, a])])) == [])
        #expect(Self.paths(.object(["p": .array([a, b])]), .object(["p": .array([bAudit, a])])) == ["p[1].level"])
        // b is gone (its index in the rendered list), c is new (its index in the live one).
        #expect(Self.paths(.object(["p": .array([a, b])]), .object(["p": .array([a, c])])) == ["p[1]", "p[1]"])
    }

    @Test func otherListsCompareElementByElement() {
        let one = JSONValue.object(["name": .string("kv"), "version": .string("1")])
        let two = JSONValue.object(["name": .string("kv"), "version": .string("2")])
        #expect(Self.paths(.object(["c": .array([one, two])]), .object(["c": .array([one, one])])) == ["c[1].version"])
        #expect(Self.paths(.object(["c": .array([one, two])]), .object(["c": .array([one])])) == ["c"])
    }

    @Test func kindChangesAreReportedWhereTheyHappen() {
        #expect(Self.paths(.object(["a": .object(["b": .integer(1)])]), .object(["a": .string("b")])) == ["a"])
        #expect(Self.paths(.object(["a": .null]), .object(["a": .bool(false)])) == ["a"])
    }

    @Test func pathsQuoteKeysThatAreNotWords() {
        let labels = JSONValue.object(["metadata": .object(["labels": .object(["app.kubernetes.io/managed-by": .string("trustc")])])])
        let changed = JSONValue.object(["metadata": .object(["labels": .object(["app.kubernetes.io/managed-by": .string("Helm")])])])
        #expect(Self.paths(labels, changed) == [#"metadata.labels["app.kubernetes.io/managed-by"]"#])
        #expect(JSONPath.member("prod-build", of: "ca") == "ca.prod-build")
        #expect(JSONPath.member(#"a"b"#, of: "") == #"["a\"b"]"#)
    }
}
