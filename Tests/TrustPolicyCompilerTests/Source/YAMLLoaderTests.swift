import Foundation
import Testing
@testable import TrustPolicyCompiler

@Suite struct YAMLLoaderTests {
    static func limits(_ change: (inout LoaderLimits) -> Void) -> LoaderLimits {
        var limits = LoaderLimits()
        change(&limits)
        return limits
    }

    static let cases: [FileCase] = [
        FileCase("duplicate key reported at the repeat", """
        a: 1
        b: 2
        1️⃣a: 3
        """, decode: false, expect: [(.duplicateKey, "1️⃣")], mentions: ["`a` is repeated"]),
        FileCase("duplicate key in a nested flow mapping", """
        spec: {x: 1, y: {z: 1, 1️⃣z: 2}}
        """, decode: false, expect: [(.duplicateKey, "1️⃣")]),
        FileCase("equal keys written differently are one key", """
        a: 1
        1️⃣'a': 2
        """, decode: false, expect: [(.duplicateKey, "1️⃣")]),
        FileCase("anchor and alias", """
        a: 1️⃣&x 1
        b: 2️⃣*x
        """, decode: false, expect: [(.anchorOrAlias, "1️⃣"), (.anchorOrAlias, "2️⃣")], mentions: ["`&x`", "`*x`"]),
        FileCase("anchor on a collection", """
        a: 1️⃣&m
          b: 1
        c: 2️⃣&s [1]
        """, decode: false, expect: [(.anchorOrAlias, "1️⃣"), (.anchorOrAlias, "2️⃣")]),
        FileCase("unsupported tags", """
        a: 1️⃣!!binary aGVsbG8=
        b: 2️⃣!custom x
        c: 3️⃣!!set {x: null}
        """, decode: false, expect: [(.unsupportedTag, "1️⃣"), (.unsupportedTag, "2️⃣"), (.unsupportedTag, "3️⃣")],
           mentions: ["`!!binary`", "`!custom`", "`!!set`"]),
        FileCase("core tags", """
        a: !!str 0777
        b: !!int 3
        c: !!bool true
        d: !!null ''
        e: !!float 1.5
        f: !!map {x: 1}
        g: !!seq [1]
        h: ! x
        """, decode: false, expect: []),
        FileCase("nesting deeper than the limit", """
        a:
          b:
            c:
              1️⃣d: [[1]]
        """, limits: limits { $0.maxDepth = 3 }, decode: false, expect: [(.nestingTooDeep, "1️⃣")]),
        FileCase("nesting at the limit", """
        a:
          b:
            c: 1
        """, limits: limits { $0.maxDepth = 3 }, decode: false, expect: []),
        FileCase("more nodes than the limit", """
        [1, 2, 3, 4, 1️⃣5, 6]
        """, limits: limits { $0.maxNodesPerFile = 5 }, decode: false, expect: [(.tooManyNodes, "1️⃣")]),
        FileCase("scalar value longer than the limit", """
        key: 1️⃣123456789
        ok: '12345678'
        """, limits: limits { $0.maxScalarBytes = 8 }, decode: false, expect: [(.scalarTooLong, "1️⃣")]),
        FileCase("key longer than the limit", """
        1️⃣abcdefghi: 1
        """, limits: limits { $0.maxScalarBytes = 8 }, decode: false, expect: [(.scalarTooLong, "1️⃣")]),
        FileCase("more documents than the limit", """
        a: 1
        ---
        b: 2
        1️⃣---
        c: 3
        ---
        d: 4
        """, limits: limits { $0.maxDocumentsPerFile = 2 }, decode: false, expect: [(.tooManyDocuments, "1️⃣")]),
        FileCase("invalid UTF-8 located at the bad byte", """
        a: b
        c: 1️⃣\u{FFFD}
        """, decode: false, bytes: invalidByteForReplacementCharacter, expect: [(.invalidUTF8, "1️⃣")],
           mentions: ["0xFF"]),
        FileCase("invalid UTF-8 after multi-byte characters, column in characters", """
        # ok
        café: "ü1️⃣\u{FFFD}"
        """, decode: false, bytes: invalidByteForReplacementCharacter, expect: [(.invalidUTF8, "1️⃣")]),
        FileCase("truncated UTF-8 sequence at the end", """
        a: 1️⃣\u{FFFD}
        """, decode: false, bytes: { bytes in
            // 0xE2 0x82 is the start of a three-byte sequence, cut off by the end of the file.
            invalidByteForReplacementCharacter(bytes).flatMap { $0 == 0xFF ? [0xE2, 0x82] : [$0] }
        }, expect: [(.invalidUTF8, "1️⃣")]),
        FileCase("overlong encoding", """
        a: 1️⃣\u{FFFD}
        """, decode: false, bytes: { bytes in
            invalidByteForReplacementCharacter(bytes).flatMap { $0 == 0xFF ? [0xC0, 0xAF] : [$0] }
        }, expect: [(.invalidUTF8, "1️⃣")]),
        FileCase("byte-order mark", """
        1️⃣a: 1
        """, decode: false, bytes: { [0xEF, 0xBB, 0xBF] + $0 }, expect: [(.byteOrderMark, "1️⃣")]),
        FileCase("locations after a byte-order mark are not shifted", """
        1️⃣{a: 1, 2️⃣a: 2}
        """, decode: false, bytes: { [0xEF, 0xBB, 0xBF] + $0 }, expect: [(.byteOrderMark, "1️⃣"), (.duplicateKey, "2️⃣")]),
        FileCase("syntax error on the first line after a byte-order mark", """
        1️⃣a: b2️⃣: c
        """, decode: false, bytes: { [0xEF, 0xBB, 0xBF] + $0 }, expect: [(.byteOrderMark, "1️⃣"), (.yamlSyntax, "2️⃣")]),
        FileCase("invalid UTF-8 on the first line after a byte-order mark", """
        a: 1️⃣\u{FFFD}
        """, decode: false, bytes: { [0xEF, 0xBB, 0xBF] + invalidByteForReplacementCharacter($0) }, expect: [(.invalidUTF8, "1️⃣")]),
        FileCase("file of only a byte-order mark", "1️⃣", decode: false, bytes: { [0xEF, 0xBB, 0xBF] + $0 },
                 expect: [(.byteOrderMark, "1️⃣"), (.emptyFile, "1️⃣")]),
        FileCase("tab used for indentation", """
        a:
        1️⃣\tb: 1
        """, decode: false, expect: [(.yamlSyntax, "1️⃣")], mentions: ["a tab character cannot be used for indentation", "indent with spaces"]),
        FileCase("control character, located from LibYAML's byte offset", """
        a: b
        c: 1️⃣\u{FFFD}
        """, decode: false, bytes: { bytes in
            invalidByteForReplacementCharacter(bytes).map { $0 == 0xFF ? 0x00 : $0 }
        }, expect: [(.yamlSyntax, "1️⃣")], mentions: ["control characters are not allowed"]),
        FileCase("Windows line endings", """
        a: 1
        b: 2
        1️⃣a: 3
        """, decode: false, bytes: { bytes in
            bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        }, expect: [(.duplicateKey, "1️⃣")]),
        FileCase("Windows line endings and a broken middle document", """
        a: [1
        1️⃣---
        b: 1
        2️⃣b: 2
        """, decode: false, bytes: { bytes in
            bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        }, expect: [(.yamlSyntax, "1️⃣"), (.duplicateKey, "2️⃣")]),
        FileCase("a tab inside a value is fine", """
        a: "x\ty"
        b: x\ty
        """, decode: false, expect: []),
        FileCase("syntax error in the middle document still reports the third", """
        a: 1
        ---
        b: 1️⃣: c
        ---
        c: 1
        2️⃣c: 2
        """, decode: false, expect: [(.yamlSyntax, "1️⃣"), (.duplicateKey, "2️⃣")]),
        FileCase("unclosed flow sequence before the next document", """
        a: 1
        ---
        b: [1, 2
        1️⃣---
        c: 1
        2️⃣c: 2
        """, decode: false, expect: [(.yamlSyntax, "1️⃣"), (.duplicateKey, "2️⃣")]),
        FileCase("empty file", "1️⃣", decode: false, expect: [(.emptyFile, "1️⃣")]),
        FileCase("file of comments", """
        1️⃣# nothing here yet
        """, decode: false, expect: [(.emptyFile, "1️⃣")]),
        FileCase("file of empty documents", """
        1️⃣---
        ---
        ...
        """, decode: false, expect: [(.emptyFile, "1️⃣")]),
        FileCase("merge key", """
        a:
          1️⃣<<: {b: 1}
          c: 2
        """, decode: false, expect: [(.mergeKey, "1️⃣")]),
        FileCase("quoted << is an ordinary key", """
        "<<": 1
        """, decode: false, expect: []),
        FileCase("sequence as a mapping key", """
        1️⃣[a, b]: 1
        c: 2
        """, decode: false, expect: [(.nonScalarKey, "1️⃣")]),
        FileCase("mapping as a complex key", """
        ? 1️⃣{a: 1}
        : 2
        """, decode: false, expect: [(.nonScalarKey, "1️⃣")]),
    ]

    @Test(arguments: cases) func reports(_ example: FileCase) {
        example.check()
    }

    static func load(_ text: String, limits: LoaderLimits = .default) -> YAMLLoader.Result {
        YAMLLoader(limits: limits).load(Array(text.utf8), file: "test.yaml")
    }

    static func elapsed(_ work: () -> Void) -> Duration {
        ContinuousClock().measure(work)
    }

    @Test func duplicateKeyNotesTheFirst() throws {
        let text = MarkedText("""
        spec:
          1️⃣region: westeurope
          2️⃣region: northeurope
        """)
        let result = Self.load(text.text)
        let diagnostic = try #require(result.diagnostics.diagnostics.first)
        #expect(result.diagnostics.diagnostics.count == 1)
        #expect(diagnostic.code == .duplicateKey)
        #expect(diagnostic.location == SourceLocation(file: "test.yaml", line: 3, column: 3))
        #expect(diagnostic.notes == [Diagnostic.Note("`region` first defined here", at: SourceLocation(file: "test.yaml", line: 2, column: 3))])
        #expect(text.positions["1️⃣"]! == (2, 3) && text.positions["2️⃣"]! == (3, 3))
        // The first value is kept.
        let root = try #require(result.documents.first?.root)
        guard case .mapping(let entries) = root.content, case .mapping(let spec) = entries[0].value.content else {
            Issue.record("not a mapping")
            return
        }
        #expect(spec.map(\.key.value) == ["region"])
        #expect(spec.first?.value.scalarText == "westeurope")
    }

    @Test func billionLaughsIsRejectedWithoutExpansion() {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"]
        var previous = "a"
        for name in names {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        var result: YAMLLoader.Result?
        let time = Self.elapsed { result = Self.load(text) }
        let diagnostics = result!.diagnostics.diagnostics
        #expect(time < .seconds(1))
        #expect(!diagnostics.isEmpty && diagnostics.allSatisfy { $0.code == .anchorOrAlias })
        // At most ten are reported, and the tenth says so.
        #expect(diagnostics.count == 10)
        #expect(diagnostics.last?.message.contains("further anchors and aliases in this file are not reported") == true)
        #expect(diagnostics.first?.location == SourceLocation(file: "test.yaml", line: 1, column: 4))
        // Nothing was expanded: an alias is one null node, so the document stays small.
        guard case .mapping(let entries)? = result!.documents.first?.root.content,
              case .sequence(let items)? = entries.last?.value.content else {
            Issue.record("expected a mapping of sequences")
            return
        }
        #expect(items.count == 9)
        #expect(items.allSatisfy { node in
            if case .scalar(let scalar) = node.content { return CoreSchema.resolve(scalar) == .null }
            return false
        })
    }

    @Test func deepNestingIsReportedOnceWithoutCrashing() {
        let depth = 10_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var result: YAMLLoader.Result?
        let time = Self.elapsed { result = Self.load(text) }
        #expect(time < .seconds(1))
        let diagnostics = result!.diagnostics.diagnostics
        #expect(diagnostics.map(\.code) == [.nestingTooDeep])
        // The 65th `[` is the first beyond the default limit of 64.
        #expect(diagnostics.first?.location == SourceLocation(file: "test.yaml", line: 1, column: LoaderLimits.default.maxDepth + 1))
    }

    /// The document is abandoned at the depth limit, so its missing `]`s are never reached.
    @Test func deepUnclosedNestingIsTooDeep() {
        let text = String(repeating: "[", count: 10_000)
        var result: YAMLLoader.Result?
        let time = Self.elapsed { result = Self.load(text) }
        #expect(time < .seconds(1))
        #expect(result!.diagnostics.diagnostics.map(\.code) == [.nestingTooDeep])
    }

    @Test func deepBlockNestingIsReported() {
        var text = ""
        for level in 0..<200 { text += String(repeating: " ", count: level) + "k:\n" }
        let result = Self.load(text)
        #expect(result.diagnostics.diagnostics.map(\.code) == [.nestingTooDeep])
        // Mapping 65 starts at the 65th key, indented 64 spaces.
        #expect(result.diagnostics.diagnostics.first?.location == SourceLocation(file: "test.yaml", line: 65, column: 65))
    }

    @Test func millionElementListStopsAtTheNodeLimit() {
        let count = 1_000_000
        var text = "["
        text.reserveCapacity(2 * count + 2)
        for _ in 0..<count { text += "1," }
        text += "]"
        var result: YAMLLoader.Result?
        let time = Self.elapsed { result = Self.load(text) }
        #expect(time < .seconds(2))
        let diagnostics = result!.diagnostics.diagnostics
        #expect(diagnostics.map(\.code) == [.tooManyNodes])
        // The sequence is node 1; item k is node k + 1 at column 2k.
        let limit = LoaderLimits.default.maxNodesPerFile
        #expect(diagnostics.first?.location == SourceLocation(file: "test.yaml", line: 1, column: 2 * limit))
        #expect(result!.documents.isEmpty)
    }

    @Test func scalarLongerThanTheDefaultLimit() {
        let limit = LoaderLimits.default.maxScalarBytes
        let atLimit = Self.load("a: " + String(repeating: "x", count: limit))
        #expect(atLimit.diagnostics.diagnostics.isEmpty)
        let over = Self.load("a: " + String(repeating: "x", count: limit + 1))
        #expect(over.diagnostics.diagnostics.map(\.code) == [.scalarTooLong])
        #expect(over.diagnostics.diagnostics.first?.location == SourceLocation(file: "test.yaml", line: 1, column: 4))
    }

    @Test func wideMappingLoadsInLinearTime() {
        // Quadratic work (a linear scan for duplicate keys, or copying the entries on every
        // append) takes many seconds at this size; linear work a fraction of one.
        let count = 50_000
        var text = ""
        text.reserveCapacity(count * 12)
        for index in 0..<count { text += "k\(index): 1\n" }
        text += "k7: 2\n"
        var result: YAMLLoader.Result?
        let time = Self.elapsed { result = Self.load(text) }
        #expect(time < .seconds(1))
        #expect(result!.diagnostics.diagnostics.map(\.code) == [.duplicateKey])
        #expect(result!.diagnostics.diagnostics.first?.location == SourceLocation(file: "test.yaml", line: count + 1, column: 1))
    }

    @Test func syntaxErrorKeepsTheDocumentsAroundIt() {
        let result = Self.load("""
        a: 1
        ---
        b: [1, 2
        ---
        c: 1
        """)
        #expect(result.diagnostics.diagnostics.map(\.code) == [.yamlSyntax])
        #expect(result.documents.map(\.index) == [0, 2])
        #expect(result.documents.map { $0.root.location.line } == [1, 5])
    }

    @Test func byteOrderMarkDoesNotStopLoading() throws {
        let result = YAMLLoader().load([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8), file: "test.yaml")
        #expect(result.diagnostics.diagnostics.map(\.severity) == [.warning])
        #expect(result.documents.count == 1)
        #expect(!result.diagnostics.hasErrors)
    }

    @Test func invalidUTF8StopsBeforeParsing() {
        let result = YAMLLoader().load(Array("a: 1\nb: ".utf8) + [0xFF] + Array("\n{{{".utf8), file: "test.yaml")
        #expect(result.diagnostics.diagnostics.map(\.code) == [.invalidUTF8])
        #expect(result.documents.isEmpty)
    }

    @Test func documentsKeepTheirIndexAndScalarsTheirText() throws {
        let result = Self.load("""
        first: 1
        ---
        since: 2026-10-20
        stage: off
        mode: 0777
        quoted: 'yes'
        """)
        #expect(result.diagnostics.diagnostics.isEmpty)
        #expect(result.documents.map(\.index) == [0, 1])
        guard case .mapping(let entries) = result.documents[1].root.content else {
            Issue.record("not a mapping")
            return
        }
        #expect(entries.map(\.key.value) == ["since", "stage", "mode", "quoted"])
        #expect(entries.map(\.value.scalarText) == ["2026-10-20", "off", "0777", "yes"])
        #expect(entries.map(\.value.location.column) == [8, 8, 7, 9])
    }

    @Test func explicitStringTagKeepsOctalLookingText() throws {
        let result = Self.load("mode: !!str 0777\nplain: 0777\n")
        guard case .mapping(let entries)? = result.documents.first?.root.content,
              case .scalar(let tagged) = entries[0].value.content,
              case .scalar(let plain) = entries[1].value.content else {
            Issue.record("unexpected shape")
            return
        }
        #expect(CoreSchema.resolve(tagged) == .string("0777"))
        #expect(CoreSchema.resolve(plain) == .integer(777))
    }
}

@Suite struct CoreSchemaTests {
    static func plain(_ text: String) -> SyntaxNode.Scalar {
        SyntaxNode.Scalar(text: text, style: .plain, tag: nil)
    }

    @Test(arguments: ["off", "no", "yes", "on", "No", "Y", "2026-10-20", "010a", "0o8", "0x", "1e", "e3", ".", "+", "-",
                      "1.2.3", "nan", "inf", "TrUe", "12:30", "1_000", "0b101"])
    func stringsStayStrings(_ text: String) {
        #expect(CoreSchema.resolve(Self.plain(text)) == .string(text))
    }

    @Test(arguments: [("true", CoreSchema.Resolved.boolean(true)), ("True", .boolean(true)), ("FALSE", .boolean(false)),
                      ("0777", .integer(777)), ("14", .integer(14)), ("-3", .integer(-3)), ("+3", .integer(3)),
                      ("0o17", .integer(15)), ("0x1F", .integer(31)), ("1e3", .float), ("1.5", .float), (".5", .float),
                      ("-1.5E-3", .float), (".inf", .float), ("-.Inf", .float), (".NaN", .float), ("1.", .float),
                      ("", .null), ("~", .null), ("null", .null), ("NULL", .null)])
    func coreScalarsAreNotStrings(_ text: String, _ expected: CoreSchema.Resolved) {
        #expect(CoreSchema.resolve(Self.plain(text)) == expected)
    }

    @Test(arguments: [SyntaxNode.Scalar.Style.singleQuoted, .doubleQuoted, .literal, .folded])
    func quotedScalarsAreStrings(_ style: SyntaxNode.Scalar.Style) {
        for text in ["true", "0777", "1e3", "null", ""] {
            #expect(CoreSchema.resolve(SyntaxNode.Scalar(text: text, style: style, tag: nil)) == .string(text))
        }
    }

    @Test func yaml11BooleansAreKnown() {
        for text in ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"] {
            #expect(CoreSchema.isYAML11Boolean(text))
        }
        for text in ["true", "false", "nope", "yess", "onn"] {
            #expect(!CoreSchema.isYAML11Boolean(text))
        }
    }
}
