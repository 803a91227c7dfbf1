#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a JSON Lines file, or standard input, in blocks of whole lines, so an inventory of any
/// size is read in bounded memory: a block of about `blockSize` bytes at a time, the partial
/// line at its end carried into the next. A line that outgrows `maxLineBytes` before its end is
/// read is not kept: it is returned without a range (reported as malformed) and skipped.
struct LineBlocks {
    struct Block: Sendable {
        var bytes: [UInt8]
        /// Every line of the block, numbered from 1 across the whole input, without its `\n`
        /// (or `\r\n`).
        var lines: [SignatureAudit.Line]
    }

    static let defaultBlockSize = 16 << 20

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let maxLineBytes: Int
    private let blockSize: Int
    private var pending: [UInt8] = []
    private var nextLine = 1
    private var skippingLongLine = false
    private var atEnd = false

    /// Opens `path` (a file, a FIFO such as `<(...)`, or a device), or standard input for `nil`.
    init(path: String?, maxLineBytes: Int, blockSize: Int = defaultBlockSize) throws(FileSystem.ReadError) {
        self.maxLineBytes = maxLineBytes
        self.blockSize = blockSize
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
            try fill(&bytes, upTo: before + blockSize)
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
        let ranges = Self.lineRanges(bytes)
        let lines = ranges.enumerated().map { SignatureAudit.Line(number: nextLine + $0, range: $1) }
        nextLine += ranges.count
        return Block(bytes: bytes, lines: lines)
    }

    /// The lines of `bytes`, without their `\n` or `\r\n`, found with `memchr`.
    private static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { buffer -> [Range<Int>] in
            guard let base = buffer.baseAddress else { return [] }
            var ranges: [Range<Int>] = []
            var start = 0
            while start < buffer.count {
                let found = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start)
                let end = found.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? buffer.count
                ranges.append(start..<(end > start && buffer[end - 1] == UInt8(ascii: "\r") ? end - 1 : end))
                start = end + 1
            }
            return ranges
        }
    }

    /// Reads until `bytes` holds `size` bytes or the input ends, straight into a new buffer that
    /// starts with `bytes`.
    private mutating func fill(_ bytes: inout [UInt8], upTo size: Int) throws(FileSystem.ReadError) {
        var failure: FileSystem.ReadError?
        var reachedEnd = false
        let descriptor = descriptor
        bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = bytes.withUnsafeBufferPointer { UnsafeMutableBufferPointer(rebasing: buffer[..<$0.count]).initialize(from: $0).1 }
            while count < size {
                let read = read(descriptor, buffer.baseAddress! + count, size - count)
                if read < 0 {
                    if errno == EINTR { continue }
                    failure = .cannotOpen(String(cString: strerror(errno)))
                    return
                }
                if read == 0 {
                    reachedEnd = true
                    return
                }
                count += read
            }
        }
        if reachedEnd { atEnd = true }
        if let failure { throw failure }
    }
}
