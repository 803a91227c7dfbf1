import Foundation
import Testing
@testable import TrustPolicyCompiler

/// An inventory read in blocks of whole lines: numbering across blocks, `\r\n`, a last line
/// without `\n`, and lines longer than the limit skipped without being kept.
@Suite struct LineBlocksTests {
    static func lines(of text: String, blockSize: Int, maxLineBytes: Int = 1 << 20) throws -> [(Int, String?)] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-lines-\(UUID().uuidString)")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var blocks = try LineBlocks(path: url.path, maxLineBytes: maxLineBytes, blockSize: blockSize)
        defer { blocks.closeInput() }
        var result: [(Int, String?)] = []
        while let block = try blocks.next() {
            for line in block.lines {
                result.append((line.number, line.range.map { String(decoding: block.bytes[$0], as: UTF8.self) }))
            }
        }
        return result
    }

    @Test(arguments: [1, 3, 7, 64, LineBlocks.defaultBlockSize])
    func numbersLinesAcrossBlocks(blockSize: Int) throws {
        let lines = try Self.lines(of: "first\r\nsecond\n\nfourth, no newline", blockSize: blockSize)
        #expect(lines.map(\.0) == [1, 2, 3, 4])
        #expect(lines.map(\.1) == ["first", "second", "", "fourth, no newline"])
    }

    @Test func skipsLinesLongerThanTheLimit() throws {
        let long = String(repeating: "x", count: 100)
        let lines = try Self.lines(of: "a\n\(long)\nb\n\(long)", blockSize: 16, maxLineBytes: 40)
        #expect(lines.map(\.0) == [1, 2, 3, 4])
        #expect(lines.map(\.1) == ["a", nil, "b", nil])
    }

    @Test func anEmptyInputHasNoLines() throws {
        #expect(try Self.lines(of: "", blockSize: 8).isEmpty)
    }

    @Test func refusesADirectory() {
        #expect(throws: FileSystem.ReadError.self) {
            _ = try LineBlocks(path: FileManager.default.temporaryDirectory.path, maxLineBytes: 1)
        }
    }
}
