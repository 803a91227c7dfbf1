/// Certificates entering or leaving an environment's trust stores. A certificate that leaves
/// ends a rotation: images signed only under it stop verifying (TR009); one that enters close to
/// its expiry is a risk too (TR006).
enum CertificateChanges {
    static func changes(base: ResolvedEnvironment?, head: ResolvedEnvironment?, baseModel: ResolvedPolicy,
                        headModel: ResolvedPolicy, options: Planner.Options) -> [PlanChange] {
        let old = certificates(base, model: baseModel), new = certificates(head, model: headModel)
        var changes: [PlanChange] = []
        for key in new.keys.sorted() where old[key] == nil {
            let (store, trusted) = new[key]!
            let remaining = options.today.days(until: trusted.certificate.validUntil)
            changes.append(PlanChange(
                kind: .certificateAdded, symbol: "+",
                summary: "certificate `\(trusted.file)` (\(trusted.certificate.subject), valid until \(trusted.certificate.validUntil)) in trust store `\(store)`",
                items: [trusted.certificate.sha256Fingerprint],
                risks: remaining < options.minimumValidityDays ? [.certificateNearExpiry] : []))
        }
        for key in old.keys.sorted() where new[key] == nil {
            let (store, trusted) = old[key]!
            changes.append(PlanChange(
                kind: .certificateRemoved, symbol: "-",
                summary: "certificate `\(trusted.file)` (\(trusted.certificate.subject), valid until \(trusted.certificate.validUntil)) from trust store `\(store)`: images signed only under it are rejected",
                items: [trusted.certificate.sha256Fingerprint], risks: [.certificateRetired]))
        }
        return changes
    }

    /// Every certificate of the environment's trust stores, by store and fingerprint.
    private static func certificates(_ environment: ResolvedEnvironment?,
                                     model: ResolvedPolicy) -> [String: (store: String, certificate: TrustedCertificate)] {
        var result: [String: (String, TrustedCertificate)] = [:]
        for store in environment?.trust.trustStores ?? [] {
            guard let identity = model.identities[store.identity] else { continue }
            for certificate in identity.certificates(in: store.type) {
                result["\(store)#\(certificate.certificate.sha256Fingerprint)"] = (store.description, certificate)
            }
        }
        return result
    }
}
