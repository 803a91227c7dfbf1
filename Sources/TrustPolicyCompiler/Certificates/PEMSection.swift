/// One PEM block found in a file, located by its BEGIN and END lines only; decoding the body is
/// left to the libraries.
enum PEMSection: Equatable {
    /// `-----BEGIN label-----`, body lines, `-----END label-----`.
    case block(label: String, body: ArraySlice<UInt8>)
    /// A BEGIN line that no matching END line closes.
    case unterminated(label: String)
    /// An END line with no BEGIN line before it.
    case strayEnd(label: String)

    /// Labels longer than this are cut, so a one-line multi-megabyte "label" cannot flood a
    /// diagnostic.
    static let maximumLabelLength = 80

    /// The PEM sections of `bytes`, in file order; empty when there is no BEGIN or END line.
    ///
    /// Works on bytes (the file need not be UTF-8) in one pass over the lines, so it is linear
    /// in the input. Marker lines may have surrounding whitespace and CRLF endings; text
    /// outside blocks is ignored, as OpenSSL and Go ignore it.
    static func scan(_ bytes: [UInt8]) -> [PEMSection] {
        var sections: [PEMSection] = []
        var open: (label: String, bodyStart: Int)?
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = trimmed(bytes[lineStart..<lineEnd])
            if let label = label(of: line, marker: beginMarker) {
                if let current = open { sections.append(.unterminated(label: current.label)) }
                open = (label, lineEnd + 1)
            } else if let label = label(of: line, marker: endMarker) {
                if let current = open {
                    if current.label == label {
                        let body = bytes[min(current.bodyStart, lineStart)..<lineStart]
                        sections.append(.block(label: label, body: body))
                    } else {
                        sections.append(.unterminated(label: current.label))
                    }
                    open = nil
                } else {
                    sections.append(.strayEnd(label: label))
                }
            }
            lineStart = lineEnd + 1
        }
        if let current = open { sections.append(.unterminated(label: current.label)) }
        return sections
    }

    private static let beginMarker = Array("-----BEGIN ".utf8)
    private static let endMarker = Array("-----END ".utf8)
    private static let dashes = Array("-----".utf8)

    /// The label of a `-----BEGIN label-----` (or END) line, or nil if the line is not one.
    private static func label(of line: ArraySlice<UInt8>, marker: [UInt8]) -> String? {
        guard line.count >= marker.count + dashes.count, line.starts(with: marker), line.suffix(5).elementsEqual(dashes)
        else { return nil }
        let label = line.dropFirst(marker.count).dropLast(dashes.count)
        let text = String(decoding: label, as: UTF8.self)
        guard text.unicodeScalars.count > maximumLabelLength else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(maximumLabelLength))) + "…"
    }

    private static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var line = line
        // A UTF-8 byte-order mark before the first BEGIN line is not content.
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        while let first = line.first, isWhitespace(first) { line = line.dropFirst() }
        while let last = line.last, isWhitespace(last) { line = line.dropLast() }
        return line
    }

    /// ASCII whitespace: space, tab, LF, VT, FF, CR.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
