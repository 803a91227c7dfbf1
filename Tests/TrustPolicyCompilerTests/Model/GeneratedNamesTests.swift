import Testing
@testable import TrustPolicyCompiler

/// `AzureNames.isPolicyResourceName` answers printable ASCII names on their bytes and every other
/// name on Characters; both must give Azure's rule. The product does not expose its two paths,
/// so the Character path is copied here as the oracle and the product is compared with it on
/// inputs of both kinds: on printable ASCII the comparison checks the byte path against the
/// Character logic, elsewhere that the product still takes that logic.
@Suite struct AzureNamesTests {
    /// The Character path of `AzureNames.isPolicyResourceName`, copied.
    static func characterPath(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 64, !name.hasSuffix(" "), !name.hasSuffix(".") else { return false }
        return !name.contains { "<>*%&:\\?.+/".contains($0) } && name.unicodeScalars.allSatisfy { $0.value >= 0x20 }
    }

    /// Whether the product answers `name` on its bytes.
    static func takesTheBytePath(_ name: String) -> Bool {
        name.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    static let forbidden: [Character] = ["<", ">", "*", "%", "&", ":", "\\", "?", ".", "+", "/"]

    @Test func namesAtTheBoundaries() {
        let a63 = String(repeating: "a", count: 63), a64 = a63 + "a", a65 = a64 + "a"
        let accepted = ["a", "trustc-production-aks-prod-weu-1-deny", a63, a64, "a b", " a", "a_b-c(d)[e]{f}!@#$^=~'\"`,;", "Zürich",
                        String(repeating: "é", count: 64), String(repeating: "e\u{301}", count: 64)]
        let rejected = ["", a65, "a ", "a.", "a\t", "a\u{1}b", "\u{0}", String(repeating: "é", count: 65), "é ", "é.", "é\u{1F}"]
            + Self.forbidden.flatMap { ["\($0)a", "a\($0)b", "a\($0)", "é\($0)"] }
        for name in accepted {
            #expect(AzureNames.isPolicyResourceName(name), "should accept \(name.debugDescription)")
        }
        for name in rejected {
            #expect(!AzureNames.isPolicyResourceName(name), "should reject \(name.debugDescription)")
        }
        // The oracle agrees with the same list, so it is the rule and not a copy of a mistake.
        #expect(accepted.allSatisfy(Self.characterPath) && !rejected.contains(where: Self.characterPath))
    }

    /// Random names from a seeded generator: mostly printable ASCII (the byte path), with
    /// forbidden characters, spaces and dots anywhere, at lengths around 64, and some with a
    /// control character or a non-ASCII character (the Character path).
    @Test func bothPathsAgreeOnRandomNames() {
        var generator = SeededGenerator(seed: 0x415A_5552)
        let printable = (0x20..<0x7F).map { Character(Unicode.Scalar(UInt8($0))) }
        let weighted: [Character] = Array("abcdefghijklmnopqrstuvwxyz0123456789-_") + [" ", " ", ".", "."] + Self.forbidden
        let other: [Character] = ["\t", "\n", "\u{1}", "\u{7F}", "é", "ü", "漢", "🙂", "\u{85}", "\u{A0}", "\u{FEFF}", "\u{2028}",
                                  "e\u{301}", "\r\n"]
        let lengths = [0, 1, 2, 62, 63, 64, 65, 66, 127, 128]
        var counts = (byte: 0, character: 0, byteAccepted: 0, characterAccepted: 0)
        for index in 0..<20_000 {
            let length = index % 3 == 0 ? lengths.randomElement(using: &generator)! : Int.random(in: 0...70, using: &generator)
            var name = String((0..<length).map { _ in
                Bool.random(using: &generator) ? printable.randomElement(using: &generator)! : weighted.randomElement(using: &generator)!
            })
            // Most names are valid-looking (no forbidden character), so that both answers occur.
            if index % 2 == 0 { name.removeAll { Self.forbidden.contains($0) } }
            if index % 4 == 1, !name.isEmpty {
                let position = name.index(name.startIndex, offsetBy: Int.random(in: 0..<name.count, using: &generator))
                name.insert(other.randomElement(using: &generator)!, at: position)
            }
            if index % 8 == 3 { name += [" ", ".", "a"].randomElement(using: &generator)! }
            let expected = Self.characterPath(name)
            let actual = AzureNames.isPolicyResourceName(name)
            if actual != expected {
                Issue.record("\(name.debugDescription) (\(name.utf8.count) bytes, \(name.count) characters): product \(actual), Character path \(expected)")
            }
            if Self.takesTheBytePath(name) {
                counts.byte += 1
                if expected { counts.byteAccepted += 1 }
            } else {
                counts.character += 1
                if expected { counts.characterAccepted += 1 }
            }
        }
        // Both paths ran, and each both accepted and rejected names.
        #expect(counts.byte > 5_000 && counts.character > 2_000, "\(counts)")
        #expect(counts.byteAccepted > 1_000 && counts.byte - counts.byteAccepted > 1_000, "\(counts)")
        #expect(counts.characterAccepted > 200 && counts.character - counts.characterAccepted > 200, "\(counts)")
    }
}
