#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps byte offsets of a file to 1-based lines and columns (columns in Unicode scalars), for
/// problems LibYAML reports as offsets and for resuming after a broken document.
struct TextPositions {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    let bytes: [UInt8]
    private var lineStarts: [Int]?

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func starts() -> [Int] {
        if let lineStarts { return lineStarts }
        let result = Self.lineStarts(of: bytes)
        lineStarts = result
        return result
    }

    mutating func location(ofByteOffset offset: Int, file: String) -> SourceLocation {
        let starts = starts()
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let lineStart = starts[low]
        let end = min(offset, bytes.count)
        // Count scalars: every byte that is not a UTF-8 continuation byte starts one.
        var column = 1
        if lineStart < end {
            bytes.withUnsafeBufferPointer { buffer in
                for index in lineStart..<end where buffer[index] & 0xC0 != 0x80 { column += 1 }
            }
        }
        return SourceLocation(file: file, line: low + 1, column: column)
    }

    /// The offset at which each line starts. Found with `memchr`, so a file of many megabytes
    /// costs milliseconds even in a debug build. A byte-order mark is not part of the first
    /// line: no editor shows it as a column.
    static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var result = [bytes.starts(with: byteOrderMark) ? byteOrderMark.count : 0]
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count, let found = memchr(base + offset, 0x0A, raw.count - offset) {
                offset = base.distance(to: UnsafeRawPointer(found)) + 1
                result.append(offset)
            }
        }
        return result
    }

    /// The byte at a 1-based line and column, if any (ASCII lines only need this for tabs).
    mutating func byte(atLine line: Int, column: Int) -> UInt8? {
        let starts = starts()
        guard line >= 1, line <= starts.count else { return nil }
        var offset = starts[line - 1]
        var remaining = column - 1
        while offset < bytes.count, remaining > 0 {
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        return offset < bytes.count ? bytes[offset] : nil
    }

    /// The first line from `line` (1-based) on that starts a new document with `---` beyond
    /// byte `offset`. The error line itself counts: LibYAML reports an unclosed collection at
    /// the `---` that ends it, and that `---` starts the next document.
    mutating func nextDocumentSeparator(fromLine line: Int, after start: Int) -> (offset: Int, line: Int)? {
        let starts = starts()
        var index = max(line - 1, 0)
        while index < starts.count {
            let offset = starts[index]
            guard offset > start else {
                index += 1
                continue
            }
            if bytes.count - offset >= 3, bytes[offset] == 0x2D, bytes[offset + 1] == 0x2D, bytes[offset + 2] == 0x2D,
               offset + 3 == bytes.count || [0x0A, 0x0D, 0x20, 0x09].contains(bytes[offset + 3]) {
                return (offset, index)
            }
            index += 1
        }
        return nil
    }
}

/// Finds the first byte that breaks UTF-8, so the diagnostic can point at it.
enum UTF8Validation {
    static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return offset
            }
            guard offset + length <= bytes.count else { return offset }
            if length > 1, String(validating: bytes[offset..<offset + length], as: UTF8.self) == nil {
                return offset
            }
            offset += length
        }
        return nil
    }
}
