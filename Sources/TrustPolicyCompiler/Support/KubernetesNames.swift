/// Kubernetes' name rules (apimachinery's validation), for names trustc generates and for
/// names users write that end up in Kubernetes objects.
public enum KubernetesNames {
    /// RFC 1123 label: namespaces and most generated names. At most 63 characters.
    public static func isDNSLabel(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 63,
              isAlphanumericLower(first), isAlphanumericLower(last) else {
            return false
        }
        return bytes.allSatisfy { isAlphanumericLower($0) || $0 == 45 }
    }

    /// RFC 1123 subdomain: object names of most kinds. At most 253 characters.
    public static func isDNSSubdomain(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            let bytes = Array(part.utf8)
            guard let first = bytes.first, let last = bytes.last else { return false }
            return isAlphanumericLower(first) && isAlphanumericLower(last)
                && bytes.allSatisfy { isAlphanumericLower($0) || $0 == 45 }
        }
    }

    public static func isLabelKey(_ key: String) -> Bool {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return isQualifiedNamePart(parts[0])
        case 2: return isDNSSubdomain(String(parts[0])) && isQualifiedNamePart(parts[1])
        default: return false
        }
    }

    public static func isLabelValue(_ value: String) -> Bool {
        value.isEmpty || isQualifiedNamePart(Substring(value))
    }

    private static func isQualifiedNamePart(_ part: Substring) -> Bool {
        let bytes = Array(part.utf8)
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 63,
              isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == 45 || $0 == 95 || $0 == 46 }
    }

    private static func isAlphanumericLower(_ byte: UInt8) -> Bool { (97...122).contains(byte) || (48...57).contains(byte) }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isAlphanumericLower(byte) || (65...90).contains(byte) }
}
