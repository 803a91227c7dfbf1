#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls the loader needs, with `lstat` semantics so that symbolic links are seen
/// as links and can be checked before anything is followed.
public enum FileSystem {
    enum EntryType: Equatable {
        case file(size: Int)
        case directory
        case symbolicLink
        case other
    }

    static func entryType(atPath path: String, followLinks: Bool = false) -> EntryType? {
        var info = stat()
        let result = followLinks ? stat(path, &info) : lstat(path, &info)
        guard result == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(size: Int(info.st_size))
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    static func directoryEntries(atPath path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// A directory's entries with whether each is a directory (not following links), from the
    /// type `readdir` reports; `lstat` only where the file system does not report it.
    static func directoryEntriesWithTypes(atPath path: String) -> [(name: String, isDirectory: Bool)]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var entries: [(name: String, isDirectory: Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != "." && name != ".." else { continue }
            let isDirectory: Bool
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): isDirectory = true
            case Int32(DT_UNKNOWN): isDirectory = entryType(atPath: path + "/" + name) == .directory
            default: isDirectory = false
            }
            entries.append((name, isDirectory))
        }
        return entries
    }

    /// The canonical absolute path with every link resolved, or `nil` if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public enum ReadError: Error, CustomStringConvertible {
        case cannotOpen(String)
        case tooLarge(Int)

        public var description: String {
            switch self {
            case .cannotOpen(let reason): reason
            case .tooLarge(let size): "the file is \(size) bytes, more than the limit"
            }
        }
    }

    /// Reads a whole regular file, refusing anything larger than `limit` without reading it.
    ///
    /// Opened with `O_NONBLOCK` so that a FIFO named like a certificate cannot block the run
    /// forever in `open` (it is then refused as not a regular file); the flag changes nothing for
    /// regular files. `O_NOCTTY` keeps a terminal device from becoming the controlling terminal.
    public static func readFile(_ path: String, limit: Int) throws(ReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { throw .cannotOpen(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .cannotOpen(String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .cannotOpen("not a regular file") }
        let size = Int(info.st_size)
        guard size <= limit else { throw .tooLarge(size) }
        var bytes = [UInt8](repeating: 0, count: size)
        var total = 0
        while total < size {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + total, size - total) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotOpen(String(cString: strerror(errno)))
            }
            if count == 0 { break }
            total += count
        }
        if total < size { bytes.removeSubrange(total...) }
        return bytes
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
