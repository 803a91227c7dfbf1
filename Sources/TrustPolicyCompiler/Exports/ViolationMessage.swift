/// What a Gatekeeper violation message says about the image, for the messages the Ratify
/// constraint templates and Azure's built-in templates write:
///
/// - Ratify v1.3 and later: `Time=<RFC 3339>, failed to verify the artifact: <key>, trace-id: <id>`;
/// - Ratify between v1.2 and v1.3: `Failed to verify the artifact: <key>`;
/// - Ratify up to v1.2: `Subject failed verification: <key>`;
/// - Azure's built-in allowed-images template: `Container image <image> for container <name> has not been allowed.`;
/// - Ratify's `System error calling external data provider: …` and
///   `Error validating one or more images: …`, which name no image trustc can rely on.
///
/// `<key>` is the image, or `[<namespace>]<image>` with Ratify's multi-tenancy template. The
/// admission webhook's `[<constraint>] ` prefix is accepted too. Gatekeeper cuts messages longer
/// than 256 bytes to 253 bytes and `...`, so the image of a long message may be cut short: it
/// is then `truncated`, never taken for another image.
public enum ViolationMessage: Sendable, Equatable {
    /// The image failed verification (Ratify) or is not allowed (built-in allowed images).
    case image(String)
    /// The message was cut inside the image.
    case truncated
    /// Ratify could not verify the images (a provider or per-image error): no image named.
    case verifierError
    /// A message none of the templates above writes.
    case unrecognised

    /// The longest message Gatekeeper keeps (`msgSize`).
    public static let maximumBytes = 256

    private static let imagePrefixes = ["Failed to verify the artifact: ", "Subject failed verification: "].map { Array($0.utf8) }
    private static let timedPrefix = Array("Time=".utf8)
    private static let timedInfix = Array(", failed to verify the artifact: ".utf8)
    private static let allowedImagesPrefix = Array("Container image ".utf8)
    private static let allowedImagesInfix = Array(" for container ".utf8)
    private static let errorPrefixes = ["System error calling external data provider: ", "Error validating one or more images: "].map { Array($0.utf8) }

    public init(parsing message: String) {
        // Read as bytes: every template's text is ASCII, and an export holds thousands.
        var message = message
        self = message.withUTF8 { Self.parse($0) }
    }

    private static func parse(_ message: UnsafeBufferPointer<UInt8>) -> ViolationMessage {
        var text = message[...]
        // The admission webhook's form, `[azurepolicy-ratifyverification-…] Subject failed …`.
        if text.first == UInt8(ascii: "["), let close = find(Array("] ".utf8), in: text) {
            let rest = text[(close + 2)...]
            if isKnown(rest) { text = rest }
        }
        let isCut = message.count >= maximumBytes - 3 && message.suffix(3).elementsEqual("...".utf8)
        if errorPrefixes.contains(where: { text.starts(with: $0) }) { return .verifierError }
        var key: Slice<UnsafeBufferPointer<UInt8>>
        if let prefix = imagePrefixes.first(where: { text.starts(with: $0) }) {
            key = text.dropFirst(prefix.count)
        } else if text.starts(with: timedPrefix), let infix = find(timedInfix, in: text) {
            key = text[(infix + timedInfix.count)...]
        } else if text.starts(with: allowedImagesPrefix) {
            key = text.dropFirst(allowedImagesPrefix.count)
            guard let infix = find(allowedImagesInfix, in: key) else { return isCut ? .truncated : .unrecognised }
            key = key[..<infix]
        } else {
            return .unrecognised
        }
        if key.first == UInt8(ascii: "[") {
            guard let close = key.firstIndex(of: UInt8(ascii: "]")) else { return isCut ? .truncated : .unrecognised }
            key = key[(close + 1)...]
        }
        // An image reference holds no comma or space; Ratify's message goes on after one.
        let end = key.firstIndex { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: " ") } ?? key.endIndex
        if isCut && end == message.endIndex { return .truncated }
        guard end > key.startIndex else { return .unrecognised }
        return .image(String(decoding: key[..<end], as: UTF8.self))
    }

    private static func isKnown(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        (imagePrefixes + errorPrefixes + [timedPrefix, allowedImagesPrefix]).contains { text.starts(with: $0) }
    }

    /// The index where `needle` first occurs in `text`.
    private static func find(_ needle: [UInt8], in text: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard let first = needle.first, text.count >= needle.count else { return nil }
        var index = text.startIndex
        while index <= text.endIndex - needle.count {
            if text[index] == first, text[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
