/// The signer audit (`trustc audit`): every image of a registry inventory (JSON Lines of
/// `notation inspect -o json` documents with a `reference`) against the model: who signed it,
/// whether the repository's owning team signs with that identity, whether a trusted identity
/// signed it at all, and whether its trusted signatures outlive their certificates.
///
/// The facts every line needs (owners, statements, expected identities, where each team's
/// images are denied, which certificates retire) are worked out once; a line costs its parse
/// and a few dictionary lookups. Lines are independent, so the driver audits blocks of them on
/// all cores.
public struct SignatureAudit: Sendable {
    /// One line of the inventory: where it is in the block, `nil` when it was too long to keep.
    public struct Line: Sendable {
        public var number: Int
        public var range: Range<Int>?

        public init(number: Int, range: Range<Int>?) {
            self.number = number
            self.range = range
        }
    }

    /// A line that could not be audited, with where and why.
    public struct MalformedLine: Sendable, Hashable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    /// What one line gave.
    public enum LineResult: Sendable {
        /// `signers`: the identity of each signature the source knows, in order.
        case audited(signatures: Int, signers: [String], findings: [AuditFinding])
        case malformed(MalformedLine)
        case blank
    }

    private struct TeamEnvironment: Hashable, Sendable {
        var team: String
        var environment: String
    }

    /// The longest line kept in memory; longer ones are reported and skipped.
    public static let maxLineBytes = 16 << 20

    /// What the audit of a team's image in one environment's registries needs; a class, so a
    /// lookup costs one reference, not a copy of every field.
    private final class TeamFacts: Sendable {
        /// The statement holding the team's repositories there, and the identities it trusts.
        let statement: String?
        let trusted: [String]
        /// The identities the team signs with there, sorted.
        let expected: [String]
        /// Where an unsigned image of the team is rejected.
        let denied: AuditFinding.DeniedAt?

        init(statement: TrustPolicyGroup?, expected: [String], denied: AuditFinding.DeniedAt?) {
            self.statement = statement?.name
            trusted = statement?.identities ?? []
            self.expected = expected
            self.denied = denied
        }

        static let none = TeamFacts(statement: nil, expected: [], denied: nil)
    }

    private let ownership: RepositoryOwnership
    private let identification: SignerIdentification
    private let environments: [String]
    private let teams: [TeamEnvironment: TeamFacts]
    /// Trust-store certificates expiring within the warning period or replaced by a rotation.
    private let retiring: [String: AuditFinding.RetiringCertificate]

    public init(model: ResolvedPolicy, today: CivilDate) {
        ownership = model.ownership
        identification = SignerIdentification(model: model)
        environments = model.environments.map(\.name)
        var statements: [TeamEnvironment: TrustPolicyGroup] = [:]
        for environment in model.environments {
            for policy in environment.ownPolicies {
                for team in policy.scopes.teams { statements[TeamEnvironment(team: team, environment: environment.name)] = policy }
            }
        }
        var expected: [TeamEnvironment: [String]] = [:]
        for team in model.teams {
            for name in Set(team.signingIdentities.map(\.value)).sorted() {
                guard let environment = model.identities[name]?.identity.environment.value else { continue }
                expected[TeamEnvironment(team: team.name, environment: environment), default: []].append(name)
            }
        }
        let denials = Self.denials(model)
        let keys = Set(statements.keys).union(expected.keys).union(denials.keys)
        teams = Dictionary(uniqueKeysWithValues: keys.map { key in
            (key, TeamFacts(statement: statements[key], expected: expected[key] ?? [], denied: denials[key]))
        })
        retiring = Self.retiring(model, today: today)
    }

    /// Audits `lines` of `bytes`, in order.
    public func audit(_ bytes: [UInt8], lines: some Collection<Line>) -> [LineResult] {
        var memo = SignerMemo()
        return lines.map { line in
            guard let range = line.range else {
                return .malformed(MalformedLine(line: line.number, column: 1, message: "the line is longer than \(Self.maxLineBytes >> 20) MiB"))
            }
            return audit(bytes, range: range, line: line.number, memo: &memo)
        }
    }

    private func audit(_ bytes: [UInt8], range: Range<Int>, line: Int, memo: inout SignerMemo) -> LineResult {
        if bytes[range].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .blank }
        let inspection: NotationInspection
        do {
            inspection = try NotationInspection.read(bytes, in: range, detail: .signers)
        } catch {
            return .malformed(MalformedLine(line: line, column: error.column, message: error.description))
        }
        func malformed(_ message: String) -> LineResult { .malformed(MalformedLine(line: line, column: 1, message: message)) }
        guard let text = inspection.reference else {
            return malformed("$: no `reference` (the inventory adds the image reference `<loginServer>/<repository>@sha256:<digest>` to each document)")
        }
        let image: ImageReference
        do {
            image = try ImageReference(parsing: text)
        } catch {
            return malformed("$.reference: `\(text)`: \(error)")
        }
        guard image.digest != nil else {
            return malformed("$.reference: `\(text)` has no digest; the inventory names each image by `@sha256:<digest>`")
        }
        let signatures = inspection.signatures
        func finding(_ kind: AuditFindingKind, severity: Severity? = nil, team: String?, identity: String? = nil,
                     signature: Int? = nil, _ detail: AuditFinding.Detail) -> AuditFinding {
            AuditFinding(kind: kind, severity: severity ?? kind.defaultSeverity, reference: image.description, repository: image.repository,
                         team: team, identity: identity, line: line,
                         signature: signature.map { signatures[$0].digest ?? "#\($0)" }, detail: detail)
        }
        guard let registry = ownership.registry(loginServer: image.host) else {
            return .audited(signatures: signatures.count, signers: [],
                            findings: [finding(.foreignRegistry, team: nil, .foreignRegistry(host: image.host))])
        }
        let environment = registry.environment.value
        guard let team = ownership.team(owning: image.repository, in: environment) else {
            let elsewhere = environments.lazy.compactMap { ownership.team(owning: image.repository, in: $0) }.first
            return .audited(signatures: signatures.count, signers: [], findings: [finding(
                .unownedRepository, team: nil,
                .unownedRepository(registry: registry.name, environment: environment, elsewhere: elsewhere))])
        }
        let facts = teams[TeamEnvironment(team: team, environment: environment)] ?? .none
        let expectedIdentities = facts.expected
        var findings: [AuditFinding] = []
        var signers: [String] = []
        var trustedAnchors: [(identity: String, anchors: [String])] = []
        for (index, signature) in signatures.enumerated() {
            let signer: SignerIdentification.Signer
            switch memo.signer(of: signature, by: identification) {
            case .success(let identified): signer = identified
            case .failure(let error):
                return malformed("\(signature.path).certificates[0].issuedTo: `\(signature.leaf.issuedTo)` is not a distinguished name as Go prints one: \(error)")
            }
            switch signer {
            case .identity(let name, let anchors):
                signers.append(name)
                let trusted = facts.trusted.contains(name)
                if !expectedIdentities.contains(name) {
                    findings.append(finding(.unexpectedSigner, team: team, identity: name, signature: index, .unexpectedSigner(
                        environment: environment, expected: expectedIdentities, statement: trusted ? facts.statement : nil)))
                }
                if trusted { trustedAnchors.append((name, anchors)) }
            case .unknownRoot:
                findings.append(finding(.unknownSigner, team: team, signature: index, .unknownSigner(subject: signature.leaf.issuedTo, roots: [])))
            case .undeclaredSubject(let roots):
                findings.append(finding(.unknownSigner, team: team, signature: index, .unknownSigner(subject: signature.leaf.issuedTo, roots: roots)))
            }
        }
        if trustedAnchors.isEmpty {
            let denied = facts.denied
            findings.append(finding(.unsigned, severity: denied == nil ? .warning : .error, team: team, .unsigned(
                environment: environment, trusted: facts.trusted, signers: signatures.count, denied: denied)))
        } else {
            let retiringAnchors = trustedAnchors.map { signature in signature.anchors.compactMap { retiring[$0] } }
            if zip(trustedAnchors, retiringAnchors).allSatisfy({ $0.anchors.count == $1.count }) {
                var certificates = Set<AuditFinding.RetiringCertificate>()
                retiringAnchors.forEach { certificates.formUnion($0) }
                findings.append(finding(.retiringRoot, team: team, identity: trustedAnchors.map(\.identity).min(), .retiringRoot(
                    certificates: certificates.sorted { ($0.identity, $0.file) < ($1.identity, $1.file) })))
            }
        }
        return .audited(signatures: signatures.count, signers: signers, findings: findings)
    }

    /// For each team and registry environment, the first cluster (by name) and namespace in
    /// deny where the team runs (one of its `namespaces`, or one whose `trustedTeams` names
    /// it), on a cluster whose environment trusts that registry environment.
    private static func denials(_ model: ResolvedPolicy) -> [TeamEnvironment: AuditFinding.DeniedAt] {
        var teamsByNamespace: [String: Set<String>] = [:]
        for team in model.teams {
            for namespace in team.namespaces { teamsByNamespace[namespace.value, default: []].insert(team.name) }
        }
        var result: [TeamEnvironment: AuditFinding.DeniedAt] = [:]
        for cluster in model.clusters {
            guard let environment = model.environment(named: cluster.environment) else { continue }
            let trusted = [environment.name] + environment.trustedEnvironments
            for namespace in cluster.enforcement.namespaces where namespace.effect == .deny {
                var teams = teamsByNamespace[namespace.name] ?? []
                if case .namespaced(let trust) = namespace.verifier { teams.formUnion(trust.teams) }
                for team in teams {
                    for registryEnvironment in trusted {
                        let key = TeamEnvironment(team: team, environment: registryEnvironment)
                        if result[key] == nil {
                            result[key] = AuditFinding.DeniedAt(cluster: cluster.name, namespace: namespace.name, others: 0)
                        } else {
                            result[key]!.others += 1
                        }
                    }
                }
            }
        }
        return result
    }

    /// Every `ca`/`signingAuthority` certificate that expires within the organisation's
    /// `certificateExpiryWarningDays` of `today`, or that a newer certificate of the same
    /// identity (valid from a later date, or from the same date until a later one) is
    /// replacing; by fingerprint.
    private static func retiring(_ model: ResolvedPolicy, today: CivilDate) -> [String: AuditFinding.RetiringCertificate] {
        let warningDays = model.organization.certificateExpiryWarningDays.value
        var result: [String: AuditFinding.RetiringCertificate] = [:]
        for (name, identity) in model.identities {
            func validity(_ certificate: InspectedCertificate) -> (Double, Double) { (certificate.notValidBefore, certificate.notValidAfter) }
            for trusted in identity.certificates {
                let certificate = trusted.certificate
                let newer = identity.certificates.filter { validity($0.certificate) > validity(certificate) }
                    .max { validity($0.certificate) < validity($1.certificate) }
                guard newer != nil || today.days(until: certificate.validUntil) <= warningDays else { continue }
                result[certificate.sha256Fingerprint] = AuditFinding.RetiringCertificate(
                    identity: name, file: trusted.file, validUntil: certificate.validUntil, replacedBy: newer?.file)
            }
        }
        return result
    }
}
