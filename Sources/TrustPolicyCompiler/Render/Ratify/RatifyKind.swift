/// The kinds of Ratify v1.4's API group: the eight `trustc drift` reads from `kubectl get`, and
/// which of them trustc renders.
public enum RatifyKind: String, Sendable, CaseIterable {
    case keyManagementProvider = "KeyManagementProvider"
    case store = "Store"
    case policy = "Policy"
    case verifier = "Verifier"
    case namespacedKeyManagementProvider = "NamespacedKeyManagementProvider"
    case namespacedStore = "NamespacedStore"
    case namespacedPolicy = "NamespacedPolicy"
    case namespacedVerifier = "NamespacedVerifier"

    public static let group = "config.ratify.deislabs.io"

    /// Whether trustc renders objects of this kind (namespaced stores, policies and providers
    /// it never needs: its namespaced trust is a verifier over the cluster's providers).
    public var isRendered: Bool {
        switch self {
        case .keyManagementProvider, .store, .policy, .verifier, .namespacedVerifier: true
        case .namespacedKeyManagementProvider, .namespacedStore, .namespacedPolicy: false
        }
    }
}
