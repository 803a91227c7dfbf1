#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a JSON Lines file, or standard input, in blocks of whole lines, so an inventory of any
/// size is read in bounded memory: a block of about `blockSize` bytes at a time, the partial
/// line at its end carried into the next. A line longer than `maxLineBytes` is not kept: it is
/// returned without a range (reported as malformed) and skipped.
struct LineBlocks {
    struct Block: Sendable {
        var bytes: [UInt8]
        /// Every line of the block, numbered from 1 across the whole input, without its `\n`
        /// (or `\r\n`).
        var lines: [SignatureAudit.Line]
    }

    static let blockSize = 4 << 20

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let maxLineBytes: Int
    private var pending: [UInt8] = []
    private var nextLine = 1
    private var skippingLongLine = false
    private var atEnd = false

    /// Opens `path` (a file, a FIFO such as `<(...)`, or a device), or standard input for `nil`.
    init(path: String?, maxLineBytes: Int) throws(FileSystem.ReadError) {
        self.maxLineBytes = maxLineBytes
        guard let path else {
            (descriptor, ownsDescriptor) = (STDIN_FILENO, false)
            return
        }
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { throw .cannotOpen(String(cString: strerror(errno))) }
        var info = stat()
        if fstat(opened, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            close(opened)
            throw .cannotOpen("it is a directory")
        }
        (descriptor, ownsDescriptor) = (opened, true)
    }

    func closeInput() {
        if ownsDescriptor { _ = close(descriptor) }
    }

    /// The next block of complete lines (the last line may lack its `\n`), `nil` at the end.
    mutating func next() throws(FileSystem.ReadError) -> Block? {
        var bytes = pending
        pending = []
        while !atEnd {
            let before = bytes.count
            try fill(&bytes, upTo: before + Self.blockSize)
            if skippingLongLine {
                guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else {
                    bytes.removeAll(keepingCapacity: true)
                    continue
                }
                bytes.removeSubrange(...newline)
                skippingLongLine = false
            }
            if let newline = bytes.lastIndex(of: UInt8(ascii: "\n")) {
                pending = Array(bytes[(newline + 1)...])
                bytes.removeSubrange((newline + 1)...)
                break
            }
            if bytes.count > maxLineBytes {
                skippingLongLine = true
                nextLine += 1
                return Block(bytes: [], lines: [SignatureAudit.Line(number: nextLine - 1, range: nil)])
            }
        }
        if bytes.isEmpty && atEnd { return nil }
        var lines: [SignatureAudit.Line] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let textEnd = end > start && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
            lines.append(SignatureAudit.Line(number: nextLine, range: start..<textEnd))
            nextLine += 1
            start = end + 1
        }
        return Block(bytes: bytes, lines: lines)
    }

    /// Reads until `bytes` holds `size` bytes or the input ends.
    private mutating func fill(_ bytes: inout [UInt8], upTo size: Int) throws(FileSystem.ReadError) {
        let start = bytes.count
        bytes.reserveCapacity(size)
        bytes.append(contentsOf: repeatElement(0, count: size - start))
        var total = start
        while total < size {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + total, size - total) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                bytes.removeSubrange(total...)
                throw .cannotOpen(reason)
            }
            if count == 0 {
                atEnd = true
                break
            }
            total += count
        }
        bytes.removeSubrange(total...)
    }
}
