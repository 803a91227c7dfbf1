/// `explain --format text`: each part of the decision on its own line, followed by the source
/// line that caused it (`[policies/teams/payments.yaml:12]`), then the verdict.
struct ExplainTextFormatter {
    let paths: DiagnosticPaths
    let signatureFile: String?

    func render(_ e: Explanation) -> String {
        var lines: [String] = []
        let team = e.team.map { "owned by team `\($0.name)`" } ?? "owned by no team of \(e.registryEnvironment.name)"
        lines.append("Image \(e.image)")
        lines.append("  registry `\(e.registry.name)` of \(e.registryEnvironment.name)" + at(e.registry.loginServer.location))
        lines.append("  repository \(e.image.repository), \(team)" + at(repositoryLocation(e)))
        let trusted = [e.clusterEnvironment.name] + e.clusterEnvironment.trustedEnvironments
        lines.append("Cluster \(e.cluster.name) (\(e.cluster.environment), \(e.cluster.region)), trusting the images of "
            + trusted.joined(separator: " and ") + at(e.cluster.declaration.environment.location))
        if !e.clusterEnvironment.trustedEnvironments.isEmpty {
            lines.append("  \(e.clusterEnvironment.name) trusts \(e.clusterEnvironment.trustedEnvironments.joined(separator: ", ")) read-only"
                + at(e.clusterEnvironment.environment.trustsEnvironments.first?.location))
        }
        lines.append("")
        if let namespace = e.namespace {
            lines += self.namespace(namespace, cluster: e.cluster)
        } else {
            lines += namespaces(of: e.cluster)
        }
        lines.append("")
        if let statement = e.statement {
            lines += self.statement(statement, e)
        } else if let noScope = e.noScope {
            lines += self.noScope(noScope, e)
        }
        lines.append("")
        lines += teamPart(e)
        if let signatures = e.signatures {
            lines.append("")
            lines.append("Signatures" + (signatureFile.map { " (\($0))" } ?? "") + ":")
            if signatures.isEmpty { lines.append("  none: the image is unsigned") }
            for (signature, verdict) in signatures {
                let signer = verdict.signer?.identity.map { "`\($0)`" } ?? "an unknown signer"
                lines.append("  \(signature.path), by \(signer): \(verdict.isTrusted ? "trusted" : "rejected")"
                    + (verdict.reason.map { ": \($0)" } ?? ""))
                lines.append("    " + Self.describe(signature))
            }
        }
        lines.append("")
        lines.append(verdict(e))
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Parts

    private func namespace(_ namespace: Explanation.Namespace, cluster: ResolvedCluster) -> [String] {
        guard let declaration = namespace.declaration else {
            var lines = ["Namespace \(namespace.name): off, not listed on \(cluster.name): its images are not verified"
                         + at(cluster.declaration.metadata.location)]
            if let exclusion = namespace.exclusion {
                lines.append("  it is excluded organisation-wide (excludedNamespaces)" + at(exclusion))
            }
            if let suggestion = namespace.suggestion {
                lines.append("  note: did you mean `\(suggestion)`, which the cluster lists?")
            }
            return lines
        }
        var stage = "Namespace \(namespace.name): \(namespace.stage.rawValue) since \(declaration.since.value)"
        if let warnSince = declaration.warnSince { stage += ", in warn since \(warnSince.value)" }
        var lines = [stage + at(declaration.stage.location)]
        if let exclusion = namespace.exclusion {
            lines.append("  excluded organisation-wide (excludedNamespaces): never verified, whatever its stage" + at(exclusion))
        } else {
            let assignment = namespace.assignment.map { " (assignment \($0.name))" } ?? ""
            switch namespace.effect {
            case .none: lines.append("  Azure Policy does nothing with a failing image here")
            case .audit: lines.append("  Azure Policy reports a failing image and warns; the pod runs" + assignment)
            case .deny: lines.append("  Azure Policy rejects a failing image" + assignment)
            }
        }
        if let teams = namespace.trustedTeams {
            lines.append("  verified by a namespaced verifier (trustedTeams): only repositories of "
                + teams.map { "`\($0)`" }.joined(separator: ", ") + " are admitted" + at(declaration.trustedTeams.first?.location))
        } else {
            lines.append("  verified by the cluster's verifier: everything \(cluster.environment) trusts")
        }
        return lines
    }

    private func namespaces(of cluster: ResolvedCluster) -> [String] {
        var lines = ["Namespaces of \(cluster.name) by stage (give --namespace to explain one):"]
        let width = cluster.namespaces.map(\.name.value.count).max() ?? 0
        for stage in Cluster.Stage.allCases.reversed() {
            for declaration in cluster.namespaces where declaration.stage.value == stage {
                let name = declaration.name.value
                var text = "  \(stage.rawValue.padding(4)) \(name.padding(width)) since \(declaration.since.value)"
                if let enforcement = cluster.enforcement.namespace(named: name) {
                    if enforcement.isExcluded { text += ", excluded organisation-wide (never verified)" }
                    if case .namespaced(let trust) = enforcement.verifier { text += ", trustedTeams: \(trust.teams.joined(separator: ", "))" }
                }
                lines.append(text + at(declaration.name.location))
            }
        }
        lines.append("  any other namespace is off (not verified); excluded everywhere: "
            + (cluster.enforcement.excludedNamespaces.isEmpty ? "none" : cluster.enforcement.excludedNamespaces.joined(separator: ", ")))
        return lines
    }

    private func statement(_ statement: TrustPolicyGroup, _ e: Explanation) -> [String] {
        var lines = [statement.isRegistryWide
            ? "Statement \(statement.name) applies: registry-wide scope `*`, as no statement names \(e.image.scope)"
            : "Statement \(statement.name) applies: exact scope \(e.image.scope)"]
        if let guardian = e.registryGuard {
            lines.append("  registry granularity: the registry guard admits images of \(guardian.loginServers.joined(separator: ", ")) only; "
                + (guardian.admits ? "\(e.image.host) is one of them" : "\(e.image.host) is not, so the guard rejects it where the namespace denies")
                + at(guardian.granularity))
        }
        if let environment = e.registryEnvironment.name == statement.environment ? e.registryEnvironment : nil {
            lines.append("  verification level \(statement.level.rawValue): \(Self.levelMeaning(statement.level))"
                + at(environment.environment.verificationLevel.location))
        }
        lines.append("  timestamp rule: " + timestampMeaning(e))
        lines.append("  trusted identities and their trust stores:")
        for identity in e.identities {
            lines.append("    \(identity.name): x509.subject: \(identity.identity.subject.value)" + at(identity.identity.subject.location))
            for certificate in identity.certificates {
                lines.append("      " + describe(certificate, store: identity.trustStore))
            }
            if let tsa = identity.timestampAuthority, let store = identity.timestampStore {
                lines.append("      " + describe(tsa, store: store))
            }
        }
        return lines
    }

    private func noScope(_ noScope: Explanation.NoScope, _ e: Explanation) -> [String] {
        var lines = ["No statement covers \(e.image.scope) on \(e.cluster.name)"
                     + (e.namespace.map { " in namespace \($0.name)" } ?? "") + ": no image of this repository can be admitted here"]
        switch noScope.reason {
        case .environmentNotTrusted:
            lines.append("  \(e.clusterEnvironment.name) does not trust \(e.registryEnvironment.name): its clusters run only images of "
                + ([e.clusterEnvironment.name] + e.clusterEnvironment.trustedEnvironments).joined(separator: " and ")
                + at(e.clusterEnvironment.environment.metadata.location))
        case .unowned(let elsewhere):
            if let elsewhere {
                lines.append("  team `\(elsewhere.name)` owns \(e.image.repository) but does not deploy to \(e.registryEnvironment.name)"
                    + " (add it to the team's environments)" + at(elsewhere.environments.first?.location ?? elsewhere.metadata.location))
            } else {
                lines.append("  no team owns \(e.image.repository), so it is in no registry scope")
            }
        case .namespaceLimited(let admitted):
            lines.append("  namespace \(e.namespace?.name ?? "") admits only repositories of "
                + admitted.map { "`\($0)`" }.joined(separator: ", ") + ", and team `\(noScope.owner?.name ?? "")` owns \(e.image.repository)"
                + at(e.namespace?.declaration?.trustedTeams.first?.location))
        }
        if !noScope.nearest.isEmpty {
            lines.append("  nearest scopes: " + noScope.nearest.map { "\($0) (team `\($0.team)`)" }.joined(separator: ", "))
        }
        if case .unowned(nil) = noScope.reason, let owner = noScope.owner {
            lines.append("  the team that would have to own it: `\(owner.name)` (add \(e.image.repository) to its repositories)"
                + at(owner.repositories.first?.location ?? owner.metadata.location))
        }
        return lines
    }

    private func teamPart(_ e: Explanation) -> [String] {
        guard let team = e.team else {
            return ["No team of \(e.registryEnvironment.name) owns \(e.image.repository), so no identity is expected to sign it"]
        }
        let expected = e.expectedIdentities.map { "`\($0.value)`" }.joined(separator: ", ")
        var lines = ["Team `\(team.name)` signs in \(e.registryEnvironment.name) with: " + (expected.isEmpty ? "no identity" : expected)
                     + at(e.expectedIdentities.first?.location ?? team.metadata.location)]
        let unexpected = e.unexpectedIdentities
        if e.statement != nil {
            lines.append(unexpected.isEmpty
                ? "  every identity the statement trusts is one the team signs with"
                : "  trusted here but not signed with by `\(team.name)`: " + unexpected.map { "`\($0)`" }.joined(separator: ", ")
                    + "; `trustc audit` reports their signatures on this repository as unexpected-signer")
        }
        return lines
    }

    private func verdict(_ e: Explanation) -> String {
        guard let namespace = e.namespace else {
            switch e.isAdmissible {
            case false?: return "Verdict: not admissible on \(e.cluster.name) (\(e.failure)); namespaces in deny reject it, those in warn report it."
            case true?: return "Verdict: admissible: a signature verifies under statement `\(e.statement?.name ?? "")`."
            case nil: return "Verdict: admissible if it carries a signature that verifies under statement `\(e.statement?.name ?? "")` (check with --signature)."
            }
        }
        let failing = e.failure
        switch (namespace.effect, e.isAdmissible) {
        case (.none, _):
            return "Verdict: admitted: namespace \(namespace.name) is not verified."
        case (.audit, false?):
            return "Verdict: admitted, but reported: \(failing), and namespace \(namespace.name) is in warn."
        case (.deny, false?):
            return "Verdict: rejected: \(failing), and namespace \(namespace.name) denies (exit status 1)."
        case (_, true?):
            return "Verdict: admitted: a signature verifies under statement `\(e.statement?.name ?? "")`."
        case (_, nil):
            return "Verdict: admitted if it carries a signature that verifies under statement `\(e.statement?.name ?? "")` (check with --signature)."
        }
    }

    // MARK: Wording

    /// What notation printed about a signature, in one line: scheme, algorithm, envelope,
    /// signing time and agent, timestamp and signing certificate.
    private static func describe(_ signature: NotationInspection.Signature) -> String {
        var parts = [signature.signingScheme.description]
        parts += [signature.signatureAlgorithm, signature.envelopeType].compactMap { $0 }
        if let time = signature.signingTime { parts.append("signed \(time)" + (signature.signingAgent.map { " by \($0)" } ?? "")) }
        if let expiry = signature.expiry { parts.append("expires \(expiry)") }
        if let timestamp = signature.timestamp {
            if let earliest = timestamp.earliest, let latest = timestamp.latest {
                parts.append("timestamped between \(earliest) and \(latest)")
            } else {
                parts.append("an unreadable timestamp")
            }
        }
        parts.append("signing certificate `\(signature.leaf.issuedTo)`, expires \(signature.leaf.expiry)")
        return parts.joined(separator: ", ")
    }

    private static func levelMeaning(_ level: Environment.VerificationLevel) -> String {
        switch level {
        case .strict: "integrity, authenticity, authentic timestamp and expiry are enforced"
        case .permissive: "integrity and authenticity are enforced; timestamp and expiry failures are only logged"
        case .audit: "only integrity is enforced; authenticity, timestamp and expiry failures are only logged"
        }
    }

    private func timestampMeaning(_ e: Explanation) -> String {
        let stores = e.trustStores.filter { $0.type == .tsa }.map(\.description).joined(separator: ", ")
        let location = at(e.identities.compactMap(\.timestampAuthority).first?.location)
        switch e.timestampRule {
        case .none:
            return "no tsa: store, so no timestamp is verified: a notary.x509 signature's chain must be valid at verification time"
        case .always:
            return "verifyTimestamp always (\(stores)): every notary.x509 signature needs a timestamp from that authority, within its chain's validity" + location
        case .afterCertExpiry:
            return "verifyTimestamp afterCertExpiry (\(stores)): a timestamp is verified, and required, only once a certificate of the chain has expired; until then the chain must be valid now" + location
        }
    }

    private func describe(_ certificate: TrustedCertificate, store: TrustStoreReference) -> String {
        "\(store) \(paths.path(certificate.file)): SHA-256 \(certificate.certificate.sha256Fingerprint), expires \(certificate.certificate.validUntil)"
            + at(certificate.location)
    }

    // MARK: Locations

    /// `  [path:line]`, or nothing without a location.
    private func at(_ location: SourceLocation?) -> String {
        guard let location, !location.file.isEmpty else { return "" }
        return "  [\(paths.path(location.file)):\(location.line)]"
    }

    private func repositoryLocation(_ e: Explanation) -> SourceLocation? {
        e.team?.repositories.first { $0.value == e.image.repository }?.location
    }
}

extension String {
    /// Padded with spaces to `width` characters.
    fileprivate func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
