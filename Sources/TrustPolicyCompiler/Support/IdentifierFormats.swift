/// Formats of the Azure and registry identifiers the source carries, checked without regular
/// expressions so that hostile input cannot make them slow.
public enum IdentifierFormats {
    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, hex digits in either case.
    public static func isGUID(_ text: String) -> Bool {
        guard text.utf8.count == 36 else { return false }
        var index = 0
        for byte in text.utf8 {
            switch index {
            case 8, 13, 18, 23:
                guard byte == UInt8(ascii: "-") else { return false }
            default:
                guard isHex(byte) else { return false }
            }
            index += 1
        }
        return true
    }

    /// A lowercase registry host name, optionally with a port: `contoso.azurecr.io`, `localhost:5000`.
    /// Accepts what Notation's scope check accepts, restricted to lowercase.
    public static func isLoginServer(_ text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard let port = Int(parts[1]), (1...65535).contains(port), parts[1].utf8.allSatisfy(isDigit) else { return false }
        }
        let host = parts[0]
        guard !host.isEmpty, host.utf8.count <= 253 else { return false }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let bytes = Array(label.utf8)
            guard let first = bytes.first, let last = bytes.last, bytes.count <= 63 else { return false }
            return isLowerAlphanumeric(first) && isLowerAlphanumeric(last)
                && bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// An Azure region name: lowercase letters and digits, starting with a letter.
    public static func isRegion(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 40, (97...122).contains(first) else { return false }
        return bytes.allSatisfy(isLowerAlphanumeric)
    }

    /// A repository path as Notation's scope check and the OCI distribution spec accept it:
    /// lowercase components separated by `/`, each joined by `.`, `_`, `__` or runs of `-`.
    public static func isRepository(_ text: String) -> Bool {
        var text = text
        // On the UTF-8 bytes in place: every byte of a valid path is ASCII.
        return text.withUTF8 { bytes in
            guard !bytes.isEmpty, bytes.count <= 255 else { return false }
            var index = 0
            while true {
                guard index < bytes.count, isLowerAlphanumeric(bytes[index]) else { return false }
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "/") {
                    let byte = bytes[index]
                    if isLowerAlphanumeric(byte) {
                        index += 1
                        continue
                    }
                    // A separator: ".", "_", "__" or one or more "-", always followed by alphanumerics.
                    var end = index + 1
                    if byte == UInt8(ascii: "_") {
                        if end < bytes.count, bytes[end] == UInt8(ascii: "_") { end += 1 }
                    } else if byte == UInt8(ascii: "-") {
                        while end < bytes.count, bytes[end] == UInt8(ascii: "-") { end += 1 }
                    } else if byte != UInt8(ascii: ".") {
                        return false
                    }
                    guard end < bytes.count, isLowerAlphanumeric(bytes[end]) else { return false }
                    index = end
                }
                if index == bytes.count { return true }
                index += 1
            }
        }
    }

    /// `/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.ContainerService/managedClusters/<name>`.
    public static func isManagedClusterResourceID(_ text: String) -> Bool {
        // Every cluster has one: splitting into Characters and lowercasing with Unicode rules cost
        // 85,000 instructions each. ASCII text (all real ids) is checked on its bytes; anything
        // else takes the general path, so the answer is the same.
        if let answer = text.utf8.withContiguousStorageIfAvailable(isASCIIManagedClusterResourceID) ?? nil {
            return answer
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 9, parts[0].isEmpty,
              parts[1].lowercased() == "subscriptions", isGUID(parts[2]),
              parts[3].lowercased() == "resourcegroups", isResourceGroupName(parts[4]),
              parts[5].lowercased() == "providers", parts[6].lowercased() == "microsoft.containerservice",
              parts[7].lowercased() == "managedclusters" else { return false }
        let name = Array(parts[8].utf8)
        guard let first = name.first, let last = name.last, name.count <= 63,
              isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return name.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    /// `isManagedClusterResourceID` for ASCII text; `nil` for anything else.
    private static func isASCIIManagedClusterResourceID(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let parts = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        func lowercased(_ part: Slice<UnsafeBufferPointer<UInt8>>, equals expected: StaticString) -> Bool {
            guard part.count == expected.utf8CodeUnitCount else { return false }
            return zip(part, UnsafeBufferPointer(start: expected.utf8Start, count: expected.utf8CodeUnitCount)).allSatisfy { byte, wanted in
                (isUpperASCII(byte) ? byte | 0x20 : byte) == wanted
            }
        }
        guard parts.count == 9, parts[0].isEmpty,
              lowercased(parts[1], equals: "subscriptions"), isGUID(String(decoding: parts[2], as: UTF8.self)),
              lowercased(parts[3], equals: "resourcegroups"), isResourceGroupName(parts[4]),
              lowercased(parts[5], equals: "providers"), lowercased(parts[6], equals: "microsoft.containerservice"),
              lowercased(parts[7], equals: "managedclusters") else { return false }
        let name = parts[8]
        guard let first = name.first, let last = name.last, name.count <= 63,
              isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return name.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    /// Where a policy definition can live: a management group or a subscription.
    public static func isPolicyDefinitionScope(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 3, parts[0].isEmpty, parts[1].lowercased() == "subscriptions" { return isGUID(parts[2]) }
        guard parts.count == 5, parts[0].isEmpty, parts[1].lowercased() == "providers",
              parts[2].lowercased() == "microsoft.management", parts[3].lowercased() == "managementgroups" else { return false }
        let name = Array(parts[4].utf8)
        guard !name.isEmpty, name.count <= 90, name.last != UInt8(ascii: ".") else { return false }
        return name.allSatisfy {
            isAlphanumeric($0) || [UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "("), UInt8(ascii: ")"),
                                   UInt8(ascii: ".")].contains($0)
        }
    }

    /// `https://<vault>.vault.azure.net/` (or a sovereign cloud's vault domain), vault names
    /// being 3-24 letters, digits and hyphens.
    public static func isVaultURI(_ text: String) -> Bool {
        guard text.hasPrefix("https://") else { return false }
        var rest = text.dropFirst(8)
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        let domains = [".vault.azure.net", ".vault.azure.cn", ".vault.usgovcloudapi.net", ".vault.microsoftazure.de"]
        guard let domain = domains.first(where: { rest.hasSuffix($0) }) else { return false }
        let name = Array(rest.dropLast(domain.count).utf8)
        guard (3...24).contains(name.count), let first = name.first, let last = name.last,
              isAlphabetic(first), isAlphanumeric(last) else { return false }
        return name.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// Key Vault object names (keys, certificates): 1-127 letters, digits and hyphens.
    public static func isKeyVaultObjectName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return (1...127).contains(bytes.count) && bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// A Key Vault object version: 32 hex digits.
    public static func isKeyVaultVersion(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy(isHex)
    }

    /// A CODEOWNERS owner: `@user`, `@org/team` or an e-mail address.
    public static func isOwner(_ text: String) -> Bool {
        func isNameByte(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") }
        if text.hasPrefix("@") {
            let parts = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
            return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(isNameByte) }
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && text.utf8.allSatisfy { isNameByte($0) || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "+") }
    }

    static func isResourceGroupName(_ text: String) -> Bool {
        isResourceGroupName(Array(text.utf8))
    }

    private static func isResourceGroupName<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        guard (1...90).contains(bytes.count), bytes.reversed().first != UInt8(ascii: ".") else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "."): true
            default: isAlphanumeric(byte)
            }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }
    private static func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || (97...102).contains(byte) || (65...70).contains(byte) }
    private static func isUpperASCII(_ byte: UInt8) -> Bool { (65...90).contains(byte) }
    private static func isAlphabetic(_ byte: UInt8) -> Bool { (97...122).contains(byte) || (65...90).contains(byte) }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isAlphabetic(byte) || isDigit(byte) }
    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool { (97...122).contains(byte) || isDigit(byte) }
}
