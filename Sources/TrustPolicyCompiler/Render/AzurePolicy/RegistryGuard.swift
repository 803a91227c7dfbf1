/// The registry guard: Azure's built-in "Kubernetes cluster containers should only use allowed
/// images" definition, assigned beside a registry-wide (`*`) Notation statement, which alone
/// would admit a correctly signed image from any registry.
enum RegistryGuard {
    /// febd0533-8e55-448f-b837-bd0e06f16469: its template matches the expression against each
    /// container's image with `re_match`, which is not anchored.
    static let definitionID = "/providers/Microsoft.Authorization/policyDefinitions/febd0533-8e55-448f-b837-bd0e06f16469"

    /// An expression admitting exactly images of `loginServers`: anchored at the start, every
    /// metacharacter of a login server escaped, and the login server ended by the `/` before
    /// the repository, so `contosoprod.azurecr.io.evil.com/x` or `evilcontosoprod.azurecr.io/x`
    /// never match. No login server admits nothing.
    static func expression(_ loginServers: [String]) -> String {
        guard !loginServers.isEmpty else { return "^$" }
        return "^(" + loginServers.map(escaped).joined(separator: "|") + ")/"
    }

    /// `text` with a backslash before every regular-expression metacharacter, byte by byte
    /// (metacharacters are ASCII, and UTF-8 never uses ASCII bytes inside another character).
    private static func escaped(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if metacharacters.contains(byte) { result.append(UInt8(ascii: "\\")) }
            result.append(byte)
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static let metacharacters = Set("\\.^$|?*+()[]{}".utf8)
}
