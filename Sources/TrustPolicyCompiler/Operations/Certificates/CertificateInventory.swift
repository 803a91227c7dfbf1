/// Every certificate of every trust store with the warnings a scheduled job should act on:
/// what `trustc certs` reports.
public struct CertificateReport: Sendable {
    /// The date days are counted from (`--now`).
    public var today: CivilDate
    /// The organisation's `certificateExpiryWarningDays`.
    public var warningDays: Int
    /// Sorted by days left, then trust store and fingerprint.
    public var certificates: [CertificateEntry]
    /// Sorted by the days left of the first certificate concerned, then trust store and kind.
    public var warnings: [CertificateWarning]
    /// The number of trust stores the policy has, listed or not.
    public var trustStores: Int
    /// `--expiring-within`: the certificates are those with at most this many days left.
    public var expiringWithin: Int?

    /// Only the certificates with at most `days` days left, and the warnings about them.
    public func expiring(within days: Int) -> CertificateReport {
        var report = self
        report.expiringWithin = days
        report.certificates = certificates.filter { $0.daysLeft <= days }
        let kept = Set(report.certificates.map { CertificateKey(store: $0.store, fingerprint: $0.certificate.sha256Fingerprint) })
        report.warnings = warnings.filter { warning in
            warning.fingerprints.contains { kept.contains(CertificateKey(store: warning.store, fingerprint: $0)) }
        }
        return report
    }

    private struct CertificateKey: Hashable {
        var store: TrustStoreReference
        var fingerprint: String
    }
}

/// Builds the certificate report from the resolved model: the identities' certificates and
/// timestamp-authority roots, and the environments whose trust stores hold them.
public enum CertificateInventory {
    /// Successive certificates overlapping by less than this (or not at all) leave no window to
    /// rotate in; apart by more, they leave days without any valid certificate.
    static let overlapSeconds = 86_400.0

    public static func report(_ model: ResolvedPolicy, today: CivilDate) -> CertificateReport {
        let warningDays = model.organization.certificateExpiryWarningDays.value
        let clusters = clustersByStore(model)
        var certificates: [CertificateEntry] = []
        var warnings: [CertificateWarning] = []
        for name in model.identities.keys.sorted() {
            let identity = model.identities[name]!
            let environment = identity.identity.environment.value
            for store in [identity.trustStore, identity.timestampStore].compactMap({ $0 }) {
                let entries = identity.certificates(in: store.type).map { trusted in
                    CertificateEntry(store: store, environment: environment, file: trusted.file,
                                     keyVaultVersion: trusted.keyVaultVersion, certificate: trusted.certificate,
                                     daysLeft: today.days(until: trusted.certificate.validUntil),
                                     clusters: clusters[store] ?? [])
                }
                certificates += entries
                warnings += expiryWarnings(entries, warningDays: warningDays)
                if store.type != .tsa { warnings += rotationWarnings(entries, today: today) }
            }
        }
        certificates.sort { ($0.daysLeft, $0.store, $0.certificate.sha256Fingerprint) < ($1.daysLeft, $1.store, $1.certificate.sha256Fingerprint) }
        let daysLeft = Dictionary(certificates.map { ($0.certificate.sha256Fingerprint, $0.daysLeft) }) { first, _ in first }
        warnings.sort { lhs, rhs in
            let l = daysLeft[lhs.fingerprints[0]] ?? 0, r = daysLeft[rhs.fingerprints[0]] ?? 0
            return (l, lhs.store, lhs.kind.rawValue, lhs.fingerprints.joined()) < (r, rhs.store, rhs.kind.rawValue, rhs.fingerprints.joined())
        }
        let stores = model.identities.values.reduce(0) { $0 + 1 + ($1.timestampStore == nil ? 0 : 1) }
        return CertificateReport(today: today, warningDays: warningDays, certificates: certificates, warnings: warnings,
                                 trustStores: stores)
    }

    /// The clusters whose environment's trust stores include each store, sorted.
    private static func clustersByStore(_ model: ResolvedPolicy) -> [TrustStoreReference: [String]] {
        let clustersByEnvironment = Dictionary(grouping: model.clusters, by: \.environment).mapValues { $0.map(\.name) }
        var result: [TrustStoreReference: Set<String>] = [:]
        for environment in model.environments {
            for store in environment.trust.trustStores {
                result[store, default: []].formUnion(clustersByEnvironment[environment.name] ?? [])
            }
        }
        return result.mapValues { $0.sorted() }
    }

    /// `expired`, and `expiring` (`tsa-expiring` for a timestamp authority's root).
    private static func expiryWarnings(_ entries: [CertificateEntry], warningDays: Int) -> [CertificateWarning] {
        entries.compactMap { entry in
            let file = entry.file, until = entry.certificate.validUntil, days = entry.daysLeft
            let kind: CertificateWarning.Kind, message: String
            if days < 0 {
                kind = .expired
                message = "`\(file)` expired on \(until): signatures chaining to it are rejected; remove it from the identity"
            } else if days > warningDays {
                return nil
            } else if entry.store.type == .tsa {
                kind = .timestampAuthorityExpiring
                message = "the timestamp authority root `\(file)` of `\(entry.identity)` expires on \(until), in \(counted(days, "day")): signatures whose signing certificate has expired stop verifying with it; add the authority's next root"
            } else {
                kind = .expiring
                message = "`\(file)` expires on \(until), in \(counted(days, "day")): start the rotation by adding its successor next to it"
            }
            return CertificateWarning(kind: kind, store: entry.store, environment: entry.environment,
                                      fingerprints: [entry.certificate.sha256Fingerprint], message: message)
        }
    }

    /// `gap` and `no-overlap`: each certificate (by start date) against the latest-ending one
    /// before it, as long as that one has not expired.
    private static func rotationWarnings(_ entries: [CertificateEntry], today: CivilDate) -> [CertificateWarning] {
        let ordered = entries.sorted {
            ($0.certificate.notValidBefore, $0.certificate.notValidAfter) < ($1.certificate.notValidBefore, $1.certificate.notValidAfter)
        }
        let validToday = entries.filter { $0.daysLeft >= 0 && $0.certificate.validFrom <= today }
        var warnings: [CertificateWarning] = []
        var latest: CertificateEntry?
        for next in ordered {
            defer {
                if latest == nil || next.certificate.notValidAfter > latest!.certificate.notValidAfter { latest = next }
            }
            guard let previous = latest, previous.daysLeft >= 0,
                  next.certificate.notValidBefore > previous.certificate.notValidAfter - overlapSeconds else { continue }
            let identity = previous.identity
            let (old, new) = (previous.certificate, next.certificate)
            let kind: CertificateWarning.Kind, message: String
            if new.notValidBefore - old.notValidAfter > overlapSeconds {
                kind = .gap
                let days = counted(old.validUntil.days(until: new.validFrom), "day")
                let subject = validToday.count == 1 && validToday[0] == previous
                    ? "`\(previous.file)`, the only valid certificate of `\(identity)`, expires on \(old.validUntil)"
                    : "`\(previous.file)` expires on \(old.validUntil)"
                message = "\(subject), \(days) before the next one, `\(next.file)`, starts on \(new.validFrom): in between every signature of `\(identity)` is rejected"
            } else {
                kind = .noOverlap
                message = "the rotation of `\(identity)` from `\(previous.file)` (until \(old.validUntil)) to `\(next.file)` (from \(new.validFrom)) has no overlap window: images signed under the old certificate stop verifying as the new one becomes usable; issue the successor to start well before its predecessor expires"
            }
            warnings.append(CertificateWarning(kind: kind, store: previous.store, environment: previous.environment,
                                               fingerprints: [old.sha256Fingerprint, new.sha256Fingerprint], message: message))
        }
        return warnings
    }
}
