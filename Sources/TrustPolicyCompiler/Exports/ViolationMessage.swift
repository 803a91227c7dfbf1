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

    private static let imagePrefixes = ["Failed to verify the artifact: ", "Subject failed verification: "]
    private static let timedInfix = ", failed to verify the artifact: "
    private static let allowedImagesPrefix = "Container image "
    private static let allowedImagesInfix = " for container "
    private static let errorPrefixes = ["System error calling external data provider: ", "Error validating one or more images: "]

    public init(parsing message: String) {
        var text = Substring(message)
        // The admission webhook's form, `[azurepolicy-ratifyverification-…] Subject failed …`.
        if text.hasPrefix("["), let close = text.range(of: "] ") {
            let rest = text[close.upperBound...]
            if Self.isKnown(rest) { text = rest }
        }
        let isCut = message.hasSuffix("...") && message.utf8.count >= Self.maximumBytes - 3
        if Self.errorPrefixes.contains(where: text.hasPrefix) {
            self = .verifierError
            return
        }
        var key: Substring
        if let prefix = Self.imagePrefixes.first(where: text.hasPrefix) {
            key = text.dropFirst(prefix.count)
        } else if text.hasPrefix("Time="), let infix = text.range(of: Self.timedInfix) {
            key = text[infix.upperBound...]
        } else if text.hasPrefix(Self.allowedImagesPrefix) {
            key = text.dropFirst(Self.allowedImagesPrefix.count)
            guard let infix = key.range(of: Self.allowedImagesInfix) else {
                self = isCut ? .truncated : .unrecognised
                return
            }
            key = key[..<infix.lowerBound]
        } else {
            self = .unrecognised
            return
        }
        if key.hasPrefix("[") {
            guard let close = key.firstIndex(of: "]") else {
                self = isCut ? .truncated : .unrecognised
                return
            }
            key = key[key.index(after: close)...]
        }
        // An image reference holds no comma or space; Ratify's message goes on after one.
        let image = key.prefix { $0 != "," && $0 != " " }
        if isCut && image.endIndex == message.endIndex {
            self = .truncated
        } else if image.isEmpty {
            self = .unrecognised
        } else {
            self = .image(String(image))
        }
    }

    private static func isKnown(_ text: Substring) -> Bool {
        (imagePrefixes + errorPrefixes + ["Time=", allowedImagesPrefix]).contains(where: text.hasPrefix)
    }
}
