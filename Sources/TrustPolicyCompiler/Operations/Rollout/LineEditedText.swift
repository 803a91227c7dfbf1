/// A text file changed line by line, every other byte kept: its new bytes and the change as a
/// unified diff (`git apply`, `patch -p1`). Lines are what `TextPositions` counts (a byte-order
/// mark stays in front of line 1, `\r` of a CRLF file stays at the end of its line), so the
/// line numbers of source locations address them directly.
struct LineEditedText {
    let bytes: [UInt8]
    private let starts: [Int]
    /// 0-based line → the lines that replace it.
    private var replacements: [Int: [[UInt8]]] = [:]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        starts = TextPositions.lineStarts(of: bytes)
    }

    var lineCount: Int { starts.count }

    /// A 0-based line as edited so far (its first replacement line), without its `\n`.
    func line(_ index: Int) -> [UInt8] {
        replacements[index]?.first ?? original(index)
    }

    private func original(_ index: Int) -> [UInt8] {
        let end = index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count
        return Array(bytes[starts[index]..<end])
    }

    /// Replaces the edited text of line `index` (keeping lines inserted after it).
    mutating func setLine(_ index: Int, to text: [UInt8]) {
        var lines = replacements[index] ?? [original(index)]
        lines[0] = text
        replacements[index] = lines
    }

    /// Inserts a line after line `index` (after lines inserted there before).
    mutating func insert(_ text: [UInt8], after index: Int) {
        var lines = replacements[index] ?? [original(index)]
        lines.append(text)
        replacements[index] = lines
    }

    private var endsWithNewline: Bool { bytes.last == UInt8(ascii: "\n") }

    /// The edited file.
    var edited: [UInt8] {
        var output = Array(bytes[..<starts[0]])
        output.reserveCapacity(bytes.count + 64)
        for index in 0..<starts.count {
            let lines = replacements[index] ?? [original(index)]
            for (offset, line) in lines.enumerated() {
                output += line
                let isLast = index == starts.count - 1 && offset == lines.count - 1
                if !isLast { output.append(UInt8(ascii: "\n")) }
            }
        }
        return output
    }

    /// The change as a unified diff with `context` lines around each change, `path` in the
    /// `a/` and `b/` headers; empty when nothing changed.
    func unifiedDiff(path: String, context: Int = 3) -> String {
        let changed = replacements.keys.filter { replacements[$0]! != [original($0)] }.sorted()
        guard !changed.isEmpty else { return "" }
        var hunks: [[Int]] = []
        for index in changed {
            if let last = hunks.last?.last, index - last <= 2 * context { hunks[hunks.count - 1].append(index) } else { hunks.append([index]) }
        }
        // A final `\n` ends the last line; it does not start an empty one.
        let count = starts.count - (endsWithNewline ? 1 : 0)
        var text = "--- a/\(path)\n+++ b/\(path)\n"
        var shift = 0  // lines the edits before the current hunk added
        var cursor = 0
        for hunk in hunks {
            for index in cursor..<hunk[0] { shift += (replacements[index]?.count ?? 1) - 1 }
            let first = max(0, hunk[0] - context), last = min(count - 1, hunk[hunk.count - 1] + context)
            var body: [String] = [], removed: [String] = [], added: [String] = []
            var newCount = 0
            // A run of changed lines is written as all its old lines, then all its new ones.
            func flush() {
                body += removed + added
                removed = []
                added = []
            }
            for index in first...last {
                let old = original(index)
                let new = replacements[index] ?? [old]
                let noNewline = index == count - 1 && !endsWithNewline
                let marker: [String] = noNewline ? ["\\ No newline at end of file"] : []
                let oldText = String(decoding: old, as: UTF8.self)
                if new == [old] {
                    flush()
                    body.append(" " + oldText)
                    body += marker
                } else {
                    removed.append("-" + oldText)
                    removed += marker
                    added += new.map { "+" + String(decoding: $0, as: UTF8.self) }
                    added += marker
                }
                newCount += new.count
            }
            flush()
            let oldCount = last - first + 1
            text += "@@ -\(range(first + 1, oldCount)) +\(range(first + 1 + shift, newCount)) @@\n"
            text += body.joined(separator: "\n") + "\n"
            for index in hunk[0]...last { shift += (replacements[index]?.count ?? 1) - 1 }
            cursor = last + 1
        }
        return text
    }

    /// `start,count`, or `start` alone for one line, as diff writes ranges.
    private func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(start),\(count)"
    }
}
