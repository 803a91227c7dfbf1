import Testing
@testable import TrustPolicyCompiler

/// The loader finds a repeated key by comparing it with the keys before it in small mappings and
/// through an index in large ones; both must report the repeat at the same place, pointing at
/// the first time the key was written.
@Suite struct YAMLLoaderKeyIndexTests {
    /// A mapping with `count` keys `k0`...; `repeatOf` is written again as the last key.
    private func mapping(keys count: Int, repeating repeatOf: Int) -> String {
        var text = ""
        for index in 0..<count { text += "k\(index): \(index)\n" }
        text += "k\(repeatOf): again\n"
        return text
    }

    @Test(arguments: [1, 2, 15, 16, 17, 40, 300])
    func repeatedKeyIsReportedAtItsRepeatWithTheFirstPlace(keys count: Int) throws {
        for repeatOf in Set([0, count / 2, count - 1]) {
            let result = YAMLLoader().load(Array(mapping(keys: count, repeating: repeatOf).utf8), file: "m.yaml")
            let duplicates = result.diagnostics.diagnostics.filter { $0.code == .duplicateKey }
            #expect(duplicates.count == 1)
            let duplicate = try #require(duplicates.first)
            #expect(duplicate.location == SourceLocation(file: "m.yaml", line: count + 1, column: 1))
            #expect(duplicate.notes.first?.location == SourceLocation(file: "m.yaml", line: repeatOf + 1, column: 1))
            // The repeat is dropped; every other entry is kept in order.
            guard case .mapping(let entries) = try #require(result.documents.first).root.content else {
                Issue.record("not a mapping")
                return
            }
            #expect(entries.map(\.key.value) == (0..<count).map { "k\($0)" })
        }
    }

    @Test func distinctKeysOfALargeMappingAreAllKept() throws {
        let text = (0..<500).map { "key-\($0): v\n" }.joined()
        let result = YAMLLoader().load(Array(text.utf8), file: "m.yaml")
        #expect(!result.diagnostics.diagnostics.contains { $0.code == .duplicateKey })
        guard case .mapping(let entries) = try #require(result.documents.first).root.content else {
            Issue.record("not a mapping")
            return
        }
        #expect(entries.count == 500)
    }

    @Test func nestedMappingsKeepTheirOwnKeys() throws {
        // The same key in a parent and in a nested mapping, in both a small and a large parent.
        for size in [3, 20] {
            var text = "a:\n  a: 1\n  b: 2\n"
            for index in 0..<size { text += "x\(index): \(index)\n" }
            text += "b: 3\n"
            let result = YAMLLoader().load(Array(text.utf8), file: "m.yaml")
            #expect(!result.diagnostics.diagnostics.contains { $0.code == .duplicateKey })
        }
    }
}
