import Testing
@testable import TrustPolicyCompiler

@Suite struct SourceFileTests {
    @Test func linesAreOneBased() {
        let file = SourceFile(path: "a.yaml", bytes: Array("one\ntwo\n\nfour".utf8))
        #expect(file.line(1) == "one")
        #expect(file.line(2) == "two")
        #expect(file.line(3) == "")
        #expect(file.line(4) == "four")
        #expect(file.line(5) == nil)
        #expect(file.line(0) == nil)
    }

    @Test func trailingNewlineEndsTheLastLine() {
        let file = SourceFile(path: "a.yaml", bytes: Array("one\n".utf8))
        #expect(file.line(1) == "one")
        #expect(file.line(2) == "")
        #expect(file.line(3) == nil)
    }

    @Test func byteOrderMarkIsNotPartOfTheFirstLine() {
        let file = SourceFile(path: "a.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array("one\ntwo".utf8))
        #expect(file.line(1) == "one")
        #expect(file.line(2) == "two")
    }

    @Test func emptyFileHasOneEmptyLine() {
        let file = SourceFile(path: "a.yaml", bytes: [])
        #expect(file.line(1) == "")
        #expect(file.line(2) == nil)
    }
}
