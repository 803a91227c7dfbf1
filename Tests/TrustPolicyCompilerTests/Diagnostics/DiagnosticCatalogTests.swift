import Foundation
import Testing
@testable import TrustPolicyCompiler

/// The catalog of codes against the tests: every code is produced by some test case, every
/// rule has its tests and they produce every code the rule declares, and the reference document
/// is the one `trustc codes` prints.
///
/// The case lists below are those of the test files; each case checks that exactly its expected
/// diagnostics are produced, so the codes they expect are codes the compiler really emitted.
/// Adding a code without a test that produces it fails `everyCodeIsProducedByATest`; adding a rule
/// without a test file fails `everyRuleHasTests`.
@Suite struct DiagnosticCatalogTests {
    static let ruleCases: [(rule: any ValidationRule.Type, cases: [PolicyCase])] = [
        (ReferenceRule.self, ReferenceRuleTests.cases),
        (OrganizationRule.self, OrganizationRuleTests.cases),
        (EnvironmentTrustRule.self, EnvironmentTrustRuleTests.cases),
        (RegistryRule.self, RegistryRuleTests.cases),
        (SigningIdentityRule.self, SigningIdentityRuleTests.cases),
        (SubjectRule.self, SubjectRuleTests.cases),
        (OverlappingIdentitiesRule.self, OverlappingIdentitiesRuleTests.cases),
        (CertificateRule.self, CertificateRuleTests.cases),
        (TeamRule.self, TeamRuleTests.cases),
        (RepositoryOwnershipRule.self, RepositoryOwnershipRuleTests.cases),
        (ClusterRule.self, ClusterRuleTests.cases),
        (RolloutRule.self, RolloutRuleTests.cases),
        (GeneratedNamesRule.self, GeneratedNamesRuleTests.cases),
        (RatifyInstallationRule.self, RatifyInstallationRuleTests.cases),
        (ObjectSizeRule.self, ObjectSizeRuleTests.cases),
    ]

    /// Cases of the stages before validation.
    static let stageCases: [any DiagnosticCase] = YAMLLoaderTests.cases + PolicyDirectoryTests.cases
        + ResourceDecoderTests.cases + PolicySourceTests.cases

    static var allCases: [any DiagnosticCase] { stageCases + ruleCases.flatMap { $0.cases as [any DiagnosticCase] } }

    /// Codes reported by `DecodedPolicy` while indexing resources, not by a rule.
    static let sourceCodes: Set<DiagnosticCode> = [.duplicateName, .missingOrganization, .multipleOrganizations]

    /// Codes of the directory-wide limits, produced by the resource bombs of `HostileTests`.
    static let bombCodes = Set(ResourceBomb.all.compactMap(\.code))

    @Test func everyCodeIsProducedByATest() {
        let covered = Set(Self.allCases.flatMap(\.expectedCodes)).union(Self.bombCodes)
        let missing = DiagnosticCode.allCases.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "no test case produces \(missing.map { "\($0.rawValue) (\($0.name))" }.joined(separator: ", "))")
    }

    @Test func everyRuleHasTests() {
        let tested = Set(Self.ruleCases.map { ObjectIdentifier($0.rule) })
        for rule in Validator.defaultRules {
            #expect(tested.contains(ObjectIdentifier(type(of: rule))), "\(type(of: rule)) has no test cases in the catalog")
        }
        #expect(Self.ruleCases.count == Validator.defaultRules.count)
        #expect(Self.ruleCases.allSatisfy { !$0.cases.isEmpty })
    }

    @Test func ruleTestsProduceEveryCodeTheRuleDeclares() {
        for (rule, cases) in Self.ruleCases {
            let produced = Set(cases.flatMap(\.expectedCodes))
            let missing = rule.codes.filter { !produced.contains($0) }
            #expect(missing.isEmpty, "\(rule)'s tests never produce \(missing.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// Every code is reported by exactly one stage or declared by a rule, so `codes` lists are
    /// complete: a rule that starts emitting a new code must declare it.
    @Test func everyCodeHasAnOwner() {
        let declared = Set(Validator.defaultRules.flatMap { type(of: $0).codes })
        for code in DiagnosticCode.allCases {
            let isStageCode = code.rawValue.hasPrefix("TP0") || code.rawValue.hasPrefix("TP1") || Self.sourceCodes.contains(code)
            #expect(isStageCode || declared.contains(code), "\(code.rawValue) is declared by no rule")
        }
        for code in declared {
            #expect(DiagnosticCode.allCases.contains(code))
        }
    }

    @Test func ruleCodesAreNotRepeated() {
        for (rule, _) in Self.ruleCases {
            #expect(Set(rule.codes).count == rule.codes.count, "\(rule).codes repeats a code")
        }
    }

    @Test func codesAreStableAndDescribed() {
        let raw = DiagnosticCode.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        #expect(raw == raw.sorted())
        for code in DiagnosticCode.allCases {
            #expect(code.rawValue.count == 5 && code.rawValue.hasPrefix("TP") && Int(code.rawValue.dropFirst(2)) != nil)
            #expect(code.summary.hasSuffix("."), "\(code.rawValue)'s summary")
            #expect(!code.summary.contains("|"), "\(code.rawValue)'s summary would break the Markdown table")
            #expect(DiagnosticCode(rawValue: code.rawValue) == code)
        }
        #expect(Set(DiagnosticCode.allCases.map(\.name)).count == raw.count)
    }

    @Test func warningsAreTheDocumentedOnes() {
        let warnings = Set(DiagnosticCode.allCases.filter { $0.defaultSeverity == .warning })
        #expect(warnings == [.byteOrderMark, .yaml11Ambiguity, .environmentTrustsItself, .environmentWithoutRegistry,
                             .unusedIdentity, .clusterRegionWithoutReplica, .certificateExpiresSoon,
                             .certificateNotYetValid, .excludedNamespaceListed, .customEnforcementWithImageIntegrity,
                             .timestampNotHonoured, .namespacedVerifierNotHonoured, .objectTooLargeForClientSideApply])
        // Notes: what is skipped on purpose, never a problem.
        #expect(Set(DiagnosticCode.allCases.filter { $0.defaultSeverity == .note }) == [.renderedOutputSkipped, .foreignDocumentSkipped, .trustedLevelNotKept])
    }

    @Test func referenceDocumentIsUpToDate() throws {
        let url = PackageRoot.url.appendingPathComponent("docs/diagnostics.md")
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(committed == CompilerDriver.diagnosticsReference(),
                "docs/diagnostics.md is stale: run `.build/debug/trustc codes > docs/diagnostics.md`")
    }

    @Test func referenceListsEveryCodeWithAnAnchor() {
        let markdown = CompilerDriver.diagnosticsReference()
        for code in DiagnosticCode.allCases {
            #expect(markdown.contains("<a id=\"\(code.rawValue.lowercased())\"></a>\(code.rawValue) | \(code.defaultSeverity.rawValue) | `\(code.name)` | \(code.summary) |"))
        }
    }
}
