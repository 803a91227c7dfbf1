/// Text with position markers (`1️⃣`, `2️⃣`, ...) as swift-format's tests use them: the markers
/// are removed and their 1-based line and column remembered, so a test can assert exactly where
/// a diagnostic points without counting columns by hand.
struct MarkedText {
    static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    let text: String
    let positions: [String: (line: Int, column: Int)]

    init(_ marked: String) {
        var text = ""
        var positions: [String: (line: Int, column: Int)] = [:]
        var line = 1
        var column = 1
        var remaining = Substring(marked)
        outer: while !remaining.isEmpty {
            for marker in Self.markers where remaining.hasPrefix(marker) {
                positions[marker] = (line, column)
                remaining = remaining.dropFirst(marker.count)
                continue outer
            }
            let character = remaining.removeFirst()
            text.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        self.text = text
        self.positions = positions
    }
}
