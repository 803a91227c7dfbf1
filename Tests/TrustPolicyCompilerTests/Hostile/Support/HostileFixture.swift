import Foundation
import Testing
@testable import TrustPolicyCompiler

/// Every hostile-input suite, run one test at a time: they start CLI processes measured against
/// a wall-clock budget, and the kill tests load the machine.
@Suite(.serialized) struct HostileTests {}

/// A policy directory for one hostile case: the fixture baseline, one unrelated mistake that
/// must still be reported whatever else goes wrong, and the hostile part written by the test.
struct HostileFixture {
    let fixture: PolicyFixture
    /// An output directory beside the policy directory (not created).
    let out: String

    var root: String { fixture.root.path }

    /// The unrelated mistake: a namespace stage misspelt (TP105, found while decoding, so it is
    /// reported even when the hostile part stops resolution).
    static let unrelatedFile = "clusters/aks-prod-weu-1.yaml"
    static let unrelatedCode = "TP105"

    init(unrelatedMistake: Bool = true, _ changes: [String: String?] = [:], certificates: [String: String] = [:]) throws {
        var changes = changes
        if unrelatedMistake, changes[Self.unrelatedFile] == nil {
            changes[Self.unrelatedFile] = PolicyFixture.baseline[Self.unrelatedFile]!
                .replacing("stage: warn", with: "stage: wern")
        }
        fixture = try PolicyFixture(changes, certificates: certificates)
        out = fixture.root.path + "-out"
    }

    func write(_ text: String, to path: String) throws {
        try fixture.write(text, to: path)
    }

    func write(_ bytes: [UInt8], to path: String) throws {
        try fixture.write(Data(bytes), to: path)
    }

    /// Writes a large file in pieces, so the test itself never holds it in memory.
    func write(to path: String, repeating piece: String, times: Int, prefix: String = "", suffix: String = "") throws {
        let url = fixture.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(prefix.utf8))
        let chunkCount = max(1, min(times, (1 << 20) / max(1, piece.utf8.count)))
        let chunk = Data(String(repeating: piece, count: chunkCount).utf8)
        var written = 0
        while written + chunkCount <= times {
            try handle.write(contentsOf: chunk)
            written += chunkCount
        }
        if written < times { try handle.write(contentsOf: Data(String(repeating: piece, count: times - written).utf8)) }
        try handle.write(contentsOf: Data(suffix.utf8))
    }

    func compile() throws -> Compilation {
        try fixture.compile()
    }

    func remove() {
        fixture.remove()
        try? FileManager.default.removeItem(atPath: out)
    }

    /// The files and bytes of a directory tree, for comparing two trees exactly.
    static func tree(at path: String) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return [:] }
        while let relative = enumerator.nextObject() as? String {
            let full = "\(path)/\(relative)"
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            result[relative] = FileManager.default.contents(atPath: full) ?? Data()
        }
        return result
    }
}

/// Times a piece of work in this process (the library path of a hostile case), repeating it
/// once when it is over budget so a busy machine does not fail the test.
func timed<T>(_ work: () throws -> T) rethrows -> (T, Double) {
    var start = ChildProcess.now()
    var result = try work()
    var seconds = ChildProcess.now() - start
    if seconds > Budget.seconds {
        start = ChildProcess.now()
        result = try work()
        seconds = min(seconds, ChildProcess.now() - start)
    }
    return (result, seconds)
}

extension Compilation {
    func reports(_ code: DiagnosticCode, in file: String) -> Bool {
        diagnostics.contains { $0.code == code && $0.location?.file == file && ($0.location?.line ?? 0) >= 1 }
    }

    var described: String {
        diagnostics.prefix(40).map { "\($0.code.rawValue) \($0.location?.description ?? "-") \($0.message.prefix(160))" }
            .joined(separator: "\n")
    }
}
