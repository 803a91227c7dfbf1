/// A container image reference as Kubernetes pod specs, Gatekeeper messages and `notation`
/// name it: `host[:port]/repository[:tag][@sha256:digest]`.
///
/// The host is the first path component when it looks like one (it holds a `.` or a `:`, or is
/// `localhost`), as Docker's reference grammar decides; references without one (`nginx`,
/// `library/nginx:1.27`) are Docker Hub's and have `host` `docker.io`.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The registry host, lowercased, with its port if any.
    public var host: String
    /// The repository path inside the registry (`payments/api`).
    public var repository: String
    public var tag: String?
    /// `sha256:<64 hex>` when the reference pins a digest.
    public var digest: String?

    public var description: String {
        "\(host)/\(repository)" + (tag.map { ":\($0)" } ?? "") + (digest.map { "@\($0)" } ?? "")
    }

    /// `host/repository`, the form Notation's registry scopes use.
    public var scope: String { "\(host)/\(repository)" }

    /// Why a reference was refused.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case empty
        case invalidDigest(String)
        case invalidTag(String)
        case invalidRepository(String)

        public var description: String {
            switch self {
            case .empty: "the reference is empty"
            case .invalidDigest(let digest): "`\(digest)` is not a digest (sha256: and 64 lowercase hex digits)"
            case .invalidTag(let tag): "`\(tag)` is not a tag (letters, digits, `_`, `.`, `-`, at most 128, not starting with `.` or `-`)"
            case .invalidRepository(let repository): "`\(repository)` is not a repository path (lowercase components separated by `/`)"
            }
        }
    }

    public init(parsing text: String) throws(Failure) {
        guard !text.isEmpty else { throw .empty }
        // On the UTF-8 bytes: `rollout` and `audit` parse one reference per violation or image,
        // and every separator is ASCII.
        let bytes = Array(text.utf8)
        func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var end = bytes.count
        digest = nil
        if let at = bytes.firstIndex(of: UInt8(ascii: "@")) {
            let value = string(at + 1..<bytes.count)
            guard Self.isDigest(value) else { throw .invalidDigest(value) }
            digest = value
            end = at
        }
        var start = 0
        var library = false
        let firstSlash = bytes[..<end].firstIndex(of: UInt8(ascii: "/"))
        if let firstSlash, bytes[..<firstSlash].contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") })
            || bytes[..<firstSlash].elementsEqual("localhost".utf8) {
            host = string(0..<firstSlash).lowercased()
            start = firstSlash + 1
        } else {
            host = "docker.io"
            library = firstSlash == nil
        }
        tag = nil
        let lastComponent = (bytes[start..<end].lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 }) ?? start
        if let colon = bytes[lastComponent..<end].lastIndex(of: UInt8(ascii: ":")) {
            let value = string(colon + 1..<end)
            guard Self.isTag(value) else { throw .invalidTag(value) }
            tag = value
            end = colon
        }
        repository = (library ? "library/" : "") + string(start..<end)
        guard IdentifierFormats.isRepository(repository) else { throw .invalidRepository(repository) }
    }

    private static func isDigest(_ text: String) -> Bool {
        guard text.hasPrefix("sha256:") else { return false }
        let hex = text.utf8.dropFirst(7)
        return hex.count == 64 && hex.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private static func isTag(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 128, first != UInt8(ascii: "."), first != UInt8(ascii: "-") else {
            return false
        }
        return text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
    }
}
