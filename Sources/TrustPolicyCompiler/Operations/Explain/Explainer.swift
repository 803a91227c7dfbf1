/// `trustc explain`: works out an `Explanation` of one image on one cluster from the model, the
/// way the cluster decides: the namespace's enforcement, the verifier it uses, the statement
/// whose scope is the image's repository, and Notation's verification of each signature given.
public struct Explainer: Sendable {
    /// A question that cannot be answered: a malformed reference, an unknown cluster, a host
    /// that is no registry of the source, a namespace that is not a namespace name, or
    /// signatures of another image.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public struct Question: Sendable {
        public var image: String
        public var cluster: String
        public var namespace: String?
        /// The image's signatures (`notation inspect -o json`), if given.
        public var signatures: NotationInspection?

        public init(image: String, cluster: String, namespace: String? = nil, signatures: NotationInspection? = nil) {
            self.image = image
            self.cluster = cluster
            self.namespace = namespace
            self.signatures = signatures
        }
    }

    let model: ResolvedPolicy
    let verifier: SignatureVerifier

    public init(model: ResolvedPolicy, today: CivilDate) {
        self.model = model
        verifier = SignatureVerifier(model: model, identification: SignerIdentification(model: model), now: Instant(startOf: today))
    }

    public func explain(_ question: Question) -> Result<Explanation, Failure> {
        let image: ImageReference
        do {
            image = try ImageReference(parsing: question.image)
        } catch {
            return .failure(Failure(description: "`\(question.image)` is not an image reference: \(error)"))
        }
        guard let cluster = model.cluster(named: question.cluster) else {
            return .failure(Failure(description: "unknown cluster `\(question.cluster)`."
                + Suggestion.didYouMean(question.cluster, in: model.clusters.map(\.name))
                + " The clusters are: \(Self.list(model.clusters.map(\.name)))"))
        }
        guard let registry = model.ownership.registry(loginServer: image.host),
              let registryEnvironment = model.environment(named: registry.environment.value),
              let clusterEnvironment = model.environment(named: cluster.environment) else {
            return .failure(Failure(description: "`\(image.host)` is not a registry of the source."
                + Suggestion.didYouMean(image.host, in: model.registries.map(\.loginServer.value))
                + " The login servers are: \(Self.list(model.registries.map(\.loginServer.value)))"))
        }
        if let signatures = question.signatures, let text = signatures.reference {
            guard let signed = try? ImageReference(parsing: text), signed.scope == image.scope,
                  image.digest == nil || signed.digest == nil || signed.digest == image.digest else {
                return .failure(Failure(description: "the signatures are of `\(text)`, not of `\(image)`"))
            }
        }
        var namespace: Explanation.Namespace?
        if let name = question.namespace {
            guard KubernetesNames.isDNSLabel(name) else {
                return .failure(Failure(description: "`\(name)` is not a Kubernetes namespace name (lowercase letters, digits and `-`, at most 63)"))
            }
            namespace = explainNamespace(name, on: cluster)
        }
        let enforcement = question.namespace.flatMap { cluster.enforcement.namespace(named: $0) }
        let statement = model.statements(of: cluster, namespace: enforcement)
            .statement(covering: image.host, repository: image.repository)
        let team = model.ownership.team(owning: image.repository, in: registryEnvironment.name).flatMap(team(named:))
        let expected = team?.signingIdentities.filter {
            model.identities[$0.value]?.identity.environment.value == registryEnvironment.name
        } ?? []
        let signatures = question.signatures.map { inspection in
            inspection.signatures.map { signature in
                (signature, verifier.verify(signature, of: image.digest, statement: statement, scope: image.scope))
            }
        }
        return .success(Explanation(
            image: image, registry: registry, registryEnvironment: registryEnvironment, cluster: cluster,
            clusterEnvironment: clusterEnvironment, namespace: namespace, statement: statement,
            identities: statement?.identities.compactMap { model.identities[$0] } ?? [],
            trustStores: statement.map(model.trustStores(of:)) ?? [],
            timestampRule: statement.map(model.timestampRule(of:)) ?? .none,
            registryGuard: statement?.isRegistryWide == true ? registryGuard(image, cluster: cluster, environment: clusterEnvironment) : nil,
            noScope: statement == nil ? noScope(image, cluster: cluster, namespace: enforcement, registryEnvironment: registryEnvironment,
                                                clusterEnvironment: clusterEnvironment) : nil,
            team: team, expectedIdentities: expected, signatures: signatures))
    }

    private func explainNamespace(_ name: String, on cluster: ResolvedCluster) -> Explanation.Namespace {
        let organization = model.organization
        let exclusion = cluster.enforcement.excludedNamespaces.contains(name)
            ? organization.excludedNamespaces.first { $0.value == name }?.location ?? organization.metadata.location : nil
        guard let enforcement = cluster.enforcement.namespace(named: name),
              let declaration = cluster.namespaces.first(where: { $0.name.value == name }) else {
            return Explanation.Namespace(
                name: name, declaration: nil, stage: .off, effect: .none, exclusion: exclusion, assignment: nil, trustedTeams: nil,
                suggestion: exclusion != nil ? nil : Suggestion.closest(to: name, in: cluster.namespaces.map(\.name.value)))
        }
        var teams: [String]?
        if case .namespaced(let trust) = enforcement.verifier { teams = trust.teams }
        return Explanation.Namespace(
            name: name, declaration: declaration, stage: enforcement.stage, effect: enforcement.effect, exclusion: exclusion,
            assignment: cluster.enforcement.assignments.first { $0.namespaces.contains(name) },
            trustedTeams: teams, suggestion: nil)
    }

    /// What the registry guard of the cluster does with the image's registry.
    private func registryGuard(_ image: ImageReference, cluster: ResolvedCluster,
                               environment: ResolvedEnvironment) -> Explanation.RegistryGuard {
        let loginServers = cluster.enforcement.registryGuardLoginServers ?? []
        return Explanation.RegistryGuard(
            loginServers: loginServers,
            granularity: environment.environment.scopeGranularity?.location ?? model.organization.scopeGranularity.location,
            admits: loginServers.contains(image.host))
    }

    /// Why no statement covers the image, the nearest scopes the verifier holds and who would
    /// have to own the repository.
    private func noScope(_ image: ImageReference, cluster: ResolvedCluster, namespace: NamespaceEnforcement?,
                         registryEnvironment: ResolvedEnvironment, clusterEnvironment: ResolvedEnvironment) -> Explanation.NoScope {
        let statements = model.statements(of: cluster, namespace: namespace)
        let nearest = Self.nearest(image, in: statements)
        let trusted = registryEnvironment.name == clusterEnvironment.name
            || clusterEnvironment.trustedEnvironments.contains(registryEnvironment.name)
        guard trusted else {
            return Explanation.NoScope(reason: .environmentNotTrusted, nearest: nearest, owner: nil)
        }
        if let owner = model.ownership.team(owning: image.repository, in: registryEnvironment.name),
           case .namespaced(let trust) = namespace?.verifier {
            return Explanation.NoScope(reason: .namespaceLimited(admitted: trust.teams), nearest: nearest, owner: team(named: owner))
        }
        let elsewhere = model.environments.lazy.compactMap { self.model.ownership.team(owning: image.repository, in: $0.name) }.first
            .flatMap(team(named:))
        return Explanation.NoScope(reason: .unowned(elsewhere: elsewhere), nearest: nearest,
                                   owner: elsewhere ?? nearest.first.flatMap { team(named: $0.team) })
    }

    /// The verifier's scopes whose repository is closest to the image's (edit distance, then
    /// the image's own registry first, then reference order), at most three.
    static func nearest(_ image: ImageReference, in statements: [TrustPolicyGroup]) -> [RegistryScope] {
        var distances: [String: Int] = [:]
        var candidates: [(scope: RegistryScope, distance: Int)] = []
        for statement in statements {
            for repository in statement.scopes.repositories {
                let distance = distances[repository.repository] ?? {
                    let value = Suggestion.editDistance(image.repository, repository.repository,
                                                        limit: max(image.repository.count, repository.repository.count))
                    distances[repository.repository] = value
                    return value
                }()
                for registry in statement.scopes.registries {
                    candidates.append((RegistryScope(loginServer: registry.loginServer, repository: repository.repository,
                                                     registry: registry.name, team: repository.team), distance))
                }
            }
        }
        return candidates.sorted { lhs, rhs in
            if lhs.distance != rhs.distance { return lhs.distance < rhs.distance }
            let (l, r) = (lhs.scope.loginServer == image.host, rhs.scope.loginServer == image.host)
            if l != r { return l }
            return lhs.scope < rhs.scope
        }.prefix(3).map(\.scope)
    }

    private func team(named name: String) -> Team? {
        model.teams.first { $0.name == name }
    }

    private static func list(_ names: [String]) -> String {
        names.sorted().joined(separator: ", ")
    }
}
