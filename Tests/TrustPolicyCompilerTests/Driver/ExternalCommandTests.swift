import Testing
@testable import TrustPolicyCompiler

/// `plan --base` runs git and tar through `ExternalCommand`: output, errors and exit statuses must
/// come back exactly, with a pipeline's stages connected like a shell's.
@Suite struct ExternalCommandTests {
    @Test func capturesOutputErrorsAndTheExitStatus() throws {
        let finished = try ExternalCommand.run(["sh", "-c", "printf 'out\\n'; printf 'err\\n' >&2; exit 3"])
        #expect(finished.outputText == "out\n")
        #expect(finished.errorText == "err\n")
        #expect(finished.status == 3)
    }

    @Test func standardInputIsEmpty() throws {
        #expect(try ExternalCommand.run(["wc", "-c"]).outputText.filter { $0 != " " } == "0\n")
    }

    @Test func aPipelineConnectsEachOutputToTheNextInput() throws {
        let stages = try ExternalCommand.pipeline([["sh", "-c", "printf abc; printf first >&2; exit 1"], ["tr", "a-z", "A-Z"]])
        #expect(stages.map(\.status) == [1, 0])
        #expect(stages[0].output.isEmpty && stages[0].errorText == "first")
        #expect(stages[1].outputText == "ABC")
    }

    /// More output than a pipe holds, on both streams at once, must not deadlock.
    @Test func largeOutputOnBothStreams() throws {
        let finished = try ExternalCommand.run(["sh", "-c", "head -c 300000 /dev/zero; head -c 200000 /dev/zero >&2"])
        #expect(finished.output.count == 300_000 && finished.errors.count == 200_000)
    }

    @Test func aSignalIsReportedAs128PlusItsNumber() throws {
        #expect(try ExternalCommand.run(["sh", "-c", "kill -9 $$"]).status == 137)
    }

    @Test func aMissingProgramIsASpawnFailure() {
        #expect(throws: ExternalCommand.SpawnFailure.self) { try ExternalCommand.run(["trustc-no-such-program"]) }
    }
}
