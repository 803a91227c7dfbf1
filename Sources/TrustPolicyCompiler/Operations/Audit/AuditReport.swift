/// An audit's results, gathered line by line as the driver streams the inventory: the findings
/// (each problem once per image reference and signature, however often a line repeats), the
/// first malformed lines, and counts. Memory grows with the findings, never with the lines.
public struct AuditReport: Sendable {
    /// The findings in reporting order once `finish()` has run.
    public private(set) var findings: [AuditFinding] = []
    /// The first `maxMalformedKept` malformed lines, in line order.
    public private(set) var malformed: [SignatureAudit.MalformedLine] = []
    public private(set) var malformedCount = 0
    public private(set) var images = 0
    public private(set) var signatures = 0
    /// Signatures per identity of the source.
    public private(set) var signers: [String: Int] = [:]
    private var seen = Set<FindingKey>()

    public static let maxMalformedKept = 1000

    private struct FindingKey: Hashable, Sendable {
        var kind: AuditFindingKind
        var reference: String
        var signature: String?
    }

    public init() {}

    public mutating func add(_ results: [SignatureAudit.LineResult]) {
        for result in results {
            switch result {
            case .blank: continue
            case .malformed(let line):
                malformedCount += 1
                if malformed.count < Self.maxMalformedKept { malformed.append(line) }
            case .audited(let count, let identities, let lineFindings):
                images += 1
                signatures += count
                for identity in identities { signers[identity, default: 0] += 1 }
                for finding in lineFindings
                where seen.insert(FindingKey(kind: finding.kind, reference: finding.reference, signature: finding.signature)).inserted {
                    findings.append(finding)
                }
            }
        }
    }

    /// Sorts the findings for reporting: by signer identity (findings naming one first, by
    /// name; then unknown signers, images without a trusted signature and images not audited),
    /// then team (none last), repository, reference, code, line and signature.
    public mutating func finish() {
        findings.sort(by: Self.precedes)
    }

    private static func precedes(_ l: AuditFinding, _ r: AuditFinding) -> Bool {
        let (lg, rg) = (AuditGroup(l).rank, AuditGroup(r).rank)
        if lg != rg { return lg < rg }
        if l.identity != r.identity { return (l.identity ?? "") < (r.identity ?? "") }
        if l.team != r.team {
            guard let lt = l.team else { return false }
            guard let rt = r.team else { return true }
            return lt < rt
        }
        if l.repository != r.repository { return l.repository < r.repository }
        if l.reference != r.reference { return l.reference < r.reference }
        if l.kind != r.kind { return l.kind < r.kind }
        if l.line != r.line { return l.line < r.line }
        return (l.signature ?? "") < (r.signature ?? "")
    }

    public var errors: Int { findings.count { $0.severity == .error } }
    public var warnings: Int { findings.count { $0.severity == .warning } }

    /// Exit status 1: an error finding or a malformed line.
    public var hasErrors: Bool { malformedCount > 0 || errors > 0 }

    public func count(of kind: AuditFindingKind) -> Int { findings.count { $0.kind == kind } }
}

/// The groups findings are reported in.
public enum AuditGroup: Hashable, Sendable {
    case identity(String)
    case unknownSigners
    case unsigned
    case notAudited

    public init(_ finding: AuditFinding) {
        if let identity = finding.identity {
            self = .identity(identity)
            return
        }
        switch finding.kind {
        case .unknownSigner: self = .unknownSigners
        case .unownedRepository, .foreignRegistry: self = .notAudited
        default: self = .unsigned
        }
    }

    var rank: Int {
        switch self {
        case .identity: 0
        case .unknownSigners: 1
        case .unsigned: 2
        case .notAudited: 3
        }
    }
}
