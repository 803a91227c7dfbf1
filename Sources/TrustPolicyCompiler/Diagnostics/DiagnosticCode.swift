/// The stable code of every diagnostic trustc reports.
///
/// Codes never change meaning once released: CI configurations, suppressions and SARIF results
/// refer to them. The summary is the one-line description printed by `trustc codes` and in the
/// README's reference.
public enum DiagnosticCode: String, Sendable, Codable, CaseIterable, Comparable {
    // MARK: Reading files and YAML (TP0xx)
    case unreadableFile = "TP001"
    case yamlSyntax = "TP002"
    case invalidUTF8 = "TP003"
    case duplicateKey = "TP004"
    case anchorOrAlias = "TP005"
    case unsupportedTag = "TP006"
    case nestingTooDeep = "TP007"
    case fileTooLarge = "TP008"
    case tooManyDocuments = "TP009"
    case tooManyNodes = "TP010"
    case scalarTooLong = "TP011"
    case byteOrderMark = "TP012"
    case mergeKey = "TP013"
    case nonScalarKey = "TP014"
    case emptyFile = "TP015"
    case pathOutsidePolicyDirectory = "TP016"
    case inputTooLarge = "TP017"
    case tooManyFiles = "TP018"
    case tooManyNodesInDirectory = "TP019"
    case tooManyDocumentsInDirectory = "TP020"
    case tooManyRegistryScopes = "TP021"
    case renderedOutputSkipped = "TP022"

    // MARK: Document shape (TP1xx)
    case unknownKind = "TP100"
    case unsupportedAPIVersion = "TP101"
    case missingField = "TP102"
    case unknownField = "TP103"
    case wrongType = "TP104"
    case invalidEnumValue = "TP105"
    case invalidName = "TP106"
    case invalidDate = "TP107"
    case invalidInteger = "TP108"
    case duplicateListEntry = "TP109"
    case documentNotMapping = "TP110"
    case yaml11Ambiguity = "TP111"
    case emptyList = "TP112"
    case invalidLabel = "TP113"
    case foreignDocumentSkipped = "TP114"

    // MARK: References and ownership (TP2xx)
    case duplicateName = "TP200"
    case unknownReference = "TP201"
    case missingOrganization = "TP202"
    case multipleOrganizations = "TP203"
    case repositoryOwnedTwice = "TP204"
    case identityOutsideTeamEnvironments = "TP205"
    case productionTrustsNonProductionIdentity = "TP206"
    case productionTrustsNonProductionEnvironment = "TP207"
    case overlappingIdentities = "TP208"
    case environmentTrustsItself = "TP209"
    case duplicateLoginServer = "TP210"
    case environmentWithoutRegistry = "TP211"
    case unusedIdentity = "TP212"
    case scopeWithoutIdentity = "TP214"
    case clusterRegionWithoutReplica = "TP215"
    case namespaceTrustsNothing = "TP216"
    case trustedLevelNotKept = "TP217"

    // MARK: Subjects (TP3xx)
    case malformedDistinguishedName = "TP300"
    case missingSubjectAttribute = "TP301"
    case duplicateSubjectAttribute = "TP302"
    case multiValuedRDN = "TP303"
    case unsupportedHexValue = "TP304"

    // MARK: Certificates (TP4xx)
    case certificateFileMissing = "TP400"
    case certificateUnparseable = "TP401"
    case certificateNotCA = "TP402"
    case certificateExpired = "TP403"
    case certificateExpiresSoon = "TP404"
    case certificateNotYetValid = "TP405"
    case noValidCertificate = "TP406"
    case privateKeyInFile = "TP407"
    case multipleCertificatesInFile = "TP408"
    case certificateIsDER = "TP409"
    case timestampAuthorityNotRoot = "TP410"
    case keyVaultVersionRequired = "TP411"
    case duplicateCertificate = "TP412"

    // MARK: Names and identifiers (TP5xx)
    case invalidLoginServer = "TP500"
    case invalidRegion = "TP501"
    case invalidResourceID = "TP502"
    case invalidGUID = "TP503"
    case invalidVaultURI = "TP504"
    case invalidRepository = "TP505"
    case invalidKubernetesName = "TP506"
    case invalidAzureName = "TP507"
    case invalidNamespace = "TP508"
    case invalidPolicyDefinitionScope = "TP509"
    case invalidOwner = "TP510"
    case invalidKeyVaultObjectName = "TP511"

    // MARK: Rollout (TP6xx)
    case denyWithoutWarnSince = "TP600"
    case denyBeforeMinimumWarnPeriod = "TP601"
    case dateInFuture = "TP602"
    case warnSinceOnNonDeny = "TP603"
    case denyWithBuiltinEnforcement = "TP604"
    case duplicateNamespace = "TP605"
    case excludedNamespaceListed = "TP606"
    case warnSinceAfterSince = "TP607"
    case policyDefinitionScopeRequired = "TP608"

    // MARK: The Ratify installation (TP7xx)
    case denyWithImageIntegrity = "TP700"
    case customEnforcementWithImageIntegrity = "TP701"
    case timestampNotHonoured = "TP702"
    case namespacedVerifierNotHonoured = "TP703"

    // MARK: Deployability (TP8xx)
    case objectTooLargeForClientSideApply = "TP800"
    case objectTooLargeToStore = "TP801"

    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The severity a diagnostic of this code has unless its emitter says otherwise.
    public var defaultSeverity: Severity {
        switch self {
        case .byteOrderMark, .yaml11Ambiguity, .environmentTrustsItself, .environmentWithoutRegistry,
             .unusedIdentity, .clusterRegionWithoutReplica, .certificateExpiresSoon, .certificateNotYetValid,
             .excludedNamespaceListed, .customEnforcementWithImageIntegrity, .timestampNotHonoured,
             .namespacedVerifierNotHonoured, .objectTooLargeForClientSideApply:
            .warning
        case .renderedOutputSkipped, .foreignDocumentSkipped, .trustedLevelNotKept:
            .note
        default:
            .error
        }
    }

    /// A short, stable name for the code (used in SARIF rule ids' names and JSON output).
    public var name: String { String(describing: self) }

    /// One line saying what the code means.
    public var summary: String {
        switch self {
        case .unreadableFile: "A file or directory could not be read."
        case .yamlSyntax: "The file is not well-formed YAML."
        case .invalidUTF8: "The file is not valid UTF-8."
        case .duplicateKey: "A mapping repeats a key; YAML tools disagree on which value wins."
        case .anchorOrAlias: "Anchors and aliases are not allowed (they hide content and enable alias bombs)."
        case .unsupportedTag: "A tag other than YAML's core tags (!!str, !!int, ...) is used."
        case .nestingTooDeep: "Collections are nested deeper than the loader's limit."
        case .fileTooLarge: "A file is larger than the loader's size limit."
        case .tooManyDocuments: "A file holds more documents than the loader's limit."
        case .tooManyNodes: "A file holds more YAML nodes than the loader's limit."
        case .scalarTooLong: "A scalar (string or key) is longer than the loader's limit."
        case .byteOrderMark: "The file starts with a byte-order mark."
        case .mergeKey: "YAML merge keys (<<) are not supported."
        case .nonScalarKey: "A mapping key is a collection, not a string."
        case .emptyFile: "A YAML file holds no documents."
        case .pathOutsidePolicyDirectory: "A path or symbolic link leads outside the policy directory."
        case .inputTooLarge: "The policy directory holds more data than the loader's limit."
        case .tooManyFiles: "The policy directory holds more YAML files than the loader's limit."
        case .tooManyNodesInDirectory: "The policy directory's YAML files hold more nodes in all than the loader's limit."
        case .tooManyDocumentsInDirectory: "The policy directory's YAML files hold more documents in all than the loader's limit."
        case .renderedOutputSkipped: "A directory holding trustc's rendered output (its trustc-manifest.json) is not read as policy."
        case .tooManyRegistryScopes: "The policy expands to more registry scopes (repositories × registries × environments and namespaces) than the limit."
        case .unknownKind: "A document's kind is not one of trustc's kinds."
        case .unsupportedAPIVersion: "A document's apiVersion is not trustc/v1."
        case .missingField: "A required field is missing."
        case .unknownField: "A field is not part of the format (often a typo)."
        case .wrongType: "A field has the wrong type (string, integer, list or mapping)."
        case .invalidEnumValue: "A field has a value outside its allowed set."
        case .invalidName: "A resource name is not lowercase letters, digits and '-' (max 40, starting with a letter)."
        case .invalidDate: "A date is not a real YYYY-MM-DD date."
        case .invalidInteger: "An integer is out of its allowed range."
        case .duplicateListEntry: "A list repeats an entry."
        case .documentNotMapping: "A document is not a mapping with apiVersion, kind, metadata and spec."
        case .yaml11Ambiguity: "A plain scalar means something else to YAML 1.1 tools; quote it."
        case .emptyList: "A list that needs at least one entry is empty."
        case .invalidLabel: "A label key or value is not a valid Kubernetes label."
        case .denyWithImageIntegrity: "A namespace denies, but the AKS Image Integrity add-on can only audit."
        case .customEnforcementWithImageIntegrity: "The Image Integrity add-on is used with trustc's custom definition, which the add-on does not support."
        case .timestampNotHonoured: "A timestamp authority is trusted, but the Image Integrity add-on's Ratify cannot verify timestamps."
        case .namespacedVerifierNotHonoured: "A namespace has its own verifier (trustedTeams), which the Image Integrity add-on is not documented to consult."
        case .objectTooLargeForClientSideApply: "A rendered object is larger than the 262,144 bytes client-side kubectl apply can record; apply it server-side."
        case .objectTooLargeToStore: "A rendered object is larger than the 1,572,864 bytes etcd stores in one object; the source does not render."
        case .foreignDocumentSkipped: "A document that is not trustc's (another apiVersion, or neither apiVersion nor a trustc kind) is skipped: a repository may keep workflows, bundles or Helm values beside the policy."
        case .duplicateName: "Two resources of one kind have the same name."
        case .unknownReference: "A reference names a resource that does not exist."
        case .missingOrganization: "No Organization resource exists."
        case .multipleOrganizations: "More than one Organization resource exists."
        case .repositoryOwnedTwice: "A repository is listed by more than one team."
        case .identityOutsideTeamEnvironments: "A team requests an identity of an environment it does not deploy to."
        case .productionTrustsNonProductionIdentity: "A production-tier environment trusts a non-production identity."
        case .productionTrustsNonProductionEnvironment: "A production-tier environment trusts a non-production environment."
        case .overlappingIdentities: "Two identities in one Notation policy overlap (one subject a subset of another)."
        case .environmentTrustsItself: "An environment lists itself in trustsEnvironments."
        case .duplicateLoginServer: "Two registries have the same login server."
        case .environmentWithoutRegistry: "An environment has no registry, so its clusters trust none of its images."
        case .unusedIdentity: "A signing identity is trusted by no environment and used by no team."
        case .scopeWithoutIdentity: "Repositories would be trusted with no signing identity at all."
        case .clusterRegionWithoutReplica: "A cluster's region has no replica of a registry it pulls from."
        case .namespaceTrustsNothing: "A namespace's trustedTeams have no repository the cluster trusts."
        case .trustedLevelNotKept: "With registry granularity, a trusted environment's stricter verification level gives way to the trusting environment's, for its registries."
        case .malformedDistinguishedName: "A subject is not a well-formed RFC 4514 distinguished name."
        case .missingSubjectAttribute: "A subject lacks an attribute Notation requires (C, ST, O)."
        case .duplicateSubjectAttribute: "A subject repeats an attribute."
        case .multiValuedRDN: "A subject has a multi-valued RDN (+), which Notation rejects."
        case .unsupportedHexValue: "A subject has a hex-encoded value (=#), which Notation rejects."
        case .certificateFileMissing: "A certificate file does not exist."
        case .certificateUnparseable: "A certificate file is not a readable PEM certificate."
        case .certificateNotCA: "A trust-store certificate is not a CA certificate."
        case .certificateExpired: "A certificate has expired."
        case .certificateExpiresSoon: "A certificate expires within the warning period."
        case .certificateNotYetValid: "A certificate is not valid yet."
        case .noValidCertificate: "An identity has no certificate that is valid today."
        case .privateKeyInFile: "A certificate file holds a private key."
        case .multipleCertificatesInFile: "A certificate file holds more than one certificate."
        case .certificateIsDER: "A certificate file is DER, not PEM."
        case .timestampAuthorityNotRoot: "A timestamp-authority certificate is not a self-signed root."
        case .keyVaultVersionRequired: "With trustStoreSource keyvault, every certificate needs keyVaultVersion."
        case .duplicateCertificate: "An identity lists the same certificate twice."
        case .invalidLoginServer: "A login server is not a lowercase registry host name."
        case .invalidRegion: "A region is not an Azure region name."
        case .invalidResourceID: "A cluster resourceID is not an AKS managed-cluster resource id."
        case .invalidGUID: "A tenant or client id is not a GUID."
        case .invalidVaultURI: "A Key Vault URI is not https://<vault>.vault.azure.net/."
        case .invalidRepository: "A repository path is not a valid OCI repository name."
        case .invalidKubernetesName: "A generated Kubernetes name would be invalid."
        case .invalidAzureName: "A generated Azure resource name would be invalid."
        case .invalidNamespace: "A namespace is not a valid Kubernetes namespace name."
        case .invalidPolicyDefinitionScope: "policyDefinitionScope is not a management group or subscription id."
        case .invalidOwner: "An owner is not a GitHub @user, @org/team or e-mail address."
        case .invalidKeyVaultObjectName: "A Key Vault key or certificate name is invalid."
        case .denyWithoutWarnSince: "A deny namespace has no warnSince."
        case .denyBeforeMinimumWarnPeriod: "A namespace denies before its minimum warn period has passed."
        case .dateInFuture: "A rollout date lies in the future."
        case .warnSinceOnNonDeny: "warnSince is set on a namespace that is not in deny."
        case .denyWithBuiltinEnforcement: "A namespace denies, but the built-in definition can only audit."
        case .duplicateNamespace: "A cluster lists a namespace twice."
        case .excludedNamespaceListed: "A cluster stages a namespace that is always excluded from enforcement."
        case .warnSinceAfterSince: "warnSince is after since."
        case .policyDefinitionScopeRequired: "Custom enforcement needs policyDefinitionScope."
        }
    }
}
