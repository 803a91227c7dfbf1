import Foundation
import Testing
@testable import TrustPolicyCompiler

/// The signer audit on the sample's inventory and on lines planting one problem each: every
/// finding kind with its severity rule, each reported once per image and signature, and every
/// malformed line located and skipped.
@Suite struct SignatureAuditTests {
    static let today = PolicyFixture.today
    static let sample: ResolvedPolicy = { try! Sample.compile().model }()

    /// Audits `lines` (one inventory line each) against `model`, as the driver does.
    static func audit(_ lines: [String], model: ResolvedPolicy = sample) -> AuditReport {
        let text = lines.joined(separator: "\n")
        let bytes = Array(text.utf8)
        var ranges: [SignatureAudit.Line] = []
        var start = 0
        for (index, line) in lines.enumerated() {
            ranges.append(SignatureAudit.Line(number: index + 1, range: start..<start + line.utf8.count))
            start += line.utf8.count + 1
        }
        var report = AuditReport()
        report.add(SignatureAudit(model: model, today: today).audit(bytes, lines: ranges))
        report.finish()
        return report
    }

    static func reference(_ scope: String, _ label: String = "image") -> String {
        "\(scope)@\(InspectionDocument.digest(scope + label))"
    }

    static func signed(_ scope: String, by identities: [String], model: ResolvedPolicy = sample, v2: Bool = false) -> String {
        InspectionDocument.line(reference: reference(scope), identities.map { TestSignature(chain: InspectionDocument.chain(model.identities[$0]!)) },
                                v2: v2)
    }

    /// (kind, line, team, identity, severity) of every finding, in reporting order.
    static func summary(_ report: AuditReport) -> [String] {
        report.findings.map { "\($0.kind.name) \($0.line) \($0.team ?? "-") \($0.identity ?? "-") \($0.severity.rawValue)" }
    }

    @Test func auditsTheSampleInventory() throws {
        let text = try String(contentsOf: PackageRoot.url.appendingPathComponent("examples/inventory/signatures.jsonl"), encoding: .utf8)
        let report = Self.audit(text.split(separator: "\n").map(String.init))
        #expect(Self.summary(report) == [
            "unexpected-signer 6 checkout payments-release error",
            "retiring-root 12 platform prod-build warning",
            "unknown-signer 7 data - error",
            "unknown-signer 8 platform - error",
            "unsigned 7 data - warning",
            "unsigned 9 data - warning",
            "unsigned 10 payments - error",
            "unsigned 8 platform - error",
            "foreign-registry 13 - - warning",
            "unowned-repository 11 - - warning",
        ])
        #expect(report.images == 13 && report.signatures == 12)
        #expect(report.malformed.map(\.line) == [14])
        #expect(report.signers == ["dev-build": 1, "payments-release": 2, "prod-build": 4, "staging-build": 1])
        #expect(report.errors == 5 && report.warnings == 5 && report.hasErrors)
        let unexpected = try #require(report.findings.first)
        #expect(unexpected.message == "signed by `payments-release`, but team `checkout` signs with `prod-build` in production; no cluster trusts `payments-release` for this repository")
    }

    @Test func cleanImagesGiveNoFinding() {
        let report = Self.audit([
            Self.signed("contosoprod.azurecr.io/payments/api", by: ["payments-release", "prod-build"]),
            Self.signed("contosostaging.azurecr.io/search/query", by: ["staging-build"], v2: true),
            Self.signed("contosodev.azurecr.io/data/etl", by: ["dev-build"]),
        ])
        #expect(report.findings.isEmpty && !report.hasErrors)
        #expect(report.images == 3 && report.signatures == 4)
    }

    @Test func unexpectedSignerSaysWhetherClustersTrustIt() throws {
        // checkout signs with no shared identity of its own: prod-build is trusted for its repositories anyway.
        let fixture = try PolicyFixture(["teams/checkout.yaml": """
        apiVersion: trustc/v1
        kind: Team
        metadata:
          name: checkout
        spec:
          owners: ["@contoso/checkout"]
          environments: [production]
          repositories: [checkout/web]
          signingIdentities: []
        """])
        defer { fixture.remove() }
        let model = try fixture.compile().model
        let report = Self.audit([Self.signed("contosoprod.azurecr.io/checkout/web", by: ["prod-build"], model: model)], model: model)
        #expect(Self.summary(report) == ["unexpected-signer 1 checkout prod-build error"])
        #expect(report.findings[0].message.hasSuffix("clusters trust `prod-build` for this repository (statement `production`), so the image is admitted"))
    }

    @Test func unknownSignersAndUnsignedImagesAreIndependent() throws {
        let prodBuild = Self.sample.identities["prod-build"]!
        let bot = InspectionDocument.chain(prodBuild, leafSubject: "CN=release-bot,OU=Production Build,O=Contoso,L=Redmond,ST=WA,C=US")
        let report = Self.audit([
            InspectionDocument.line(reference: Self.reference("contosoprod.azurecr.io/checkout/web"),
                                    [TestSignature(chain: InspectionDocument.unknownChain(), digest: "sha256:" + String(repeating: "1", count: 64)),
                                     TestSignature(chain: bot, digest: "sha256:" + String(repeating: "2", count: 64))]),
            // An unknown signer next to a trusted one (line 2, checkout/cart, reported first): no unsigned finding.
            InspectionDocument.line(reference: Self.reference("contosoprod.azurecr.io/checkout/cart"),
                                    [TestSignature(chain: InspectionDocument.unknownChain()), TestSignature(chain: InspectionDocument.chain(prodBuild))]),
        ])
        #expect(Self.summary(report) == [
            "unknown-signer 2 checkout - error", "unknown-signer 1 checkout - error", "unknown-signer 1 checkout - error",
            "unsigned 1 checkout - error",
        ])
        #expect(report.findings.map(\.message).contains("signed by `CN=release-bot,OU=Production Build,O=Contoso,L=Redmond,ST=WA,C=US` under a certificate of `prod-build`, but no identity declares that subject"))
    }

    /// Unsigned is an error where a namespace the team runs in denies, on a cluster trusting the
    /// registry's environment: one of the team's namespaces, or one whose trustedTeams names it.
    @Test func unsignedIsAnErrorOnlyWhereTheTeamIsDenied() throws {
        let report = Self.audit([
            InspectionDocument.line(reference: Self.reference("contosoprod.azurecr.io/data/legacy-batch"), []),
            InspectionDocument.line(reference: Self.reference("contosoprod.azurecr.io/payments/worker"), []),
            // search runs only in staging and development, where search is in deny on aks-dev-weu-1 only.
            InspectionDocument.line(reference: Self.reference("contosostaging.azurecr.io/search/query"), []),
            InspectionDocument.line(reference: Self.reference("contosodev.azurecr.io/search/query"), []),
        ])
        #expect(Self.summary(report) == [
            "unsigned 1 data - warning", "unsigned 2 payments - error", "unsigned 4 search - error", "unsigned 3 search - warning",
        ])
        #expect(report.findings[1].message == "no signature (production trusts `payments-release`, `prod-build` for this repository); rejected in namespace `payments` on `aks-dev-weu-1` and 2 more")

        let fixture = try PolicyFixture(PolicyFixture.edits(
            PolicyFixture.edit("teams/platform.yaml", ["namespaces: [ingress]": "namespaces: [tools]"]),
            PolicyFixture.edit("clusters/aks-prod-weu-1.yaml", [
                "    - name: ingress\n      stage: warn\n      since: 2026-11-01":
                    "    - name: shared\n      stage: deny\n      since: 2026-11-20\n      warnSince: 2026-11-01\n      trustedTeams: [platform]",
            ])))
        defer { fixture.remove() }
        let compilation = try fixture.compile()
        #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
        let limited = Self.audit([InspectionDocument.line(reference: Self.reference("contosoprod.azurecr.io/platform/ingress"), [])],
                                 model: compilation.model)
        #expect(Self.summary(limited) == ["unsigned 1 platform - error"])
    }

    @Test func retiringRootWhenEveryTrustedSignatureChainsOnlyToAnOutgoingCertificate() throws {
        let prodBuild = Self.sample.identities["prod-build"]!
        let old = TestSignature(chain: InspectionDocument.chain(prodBuild, root: 0))
        let new = TestSignature(chain: InspectionDocument.chain(prodBuild, root: 1))
        let report = Self.audit([
            InspectionDocument.line(reference: Self.reference("contosoprod.azurecr.io/checkout/web"), [old]),
            InspectionDocument.line(reference: Self.reference("contosoprod.azurecr.io/checkout/cart"), [old, new]),
        ])
        #expect(Self.summary(report) == ["retiring-root 1 checkout prod-build warning"])
        #expect(report.findings[0].message.contains("identities/certs/prod-build-root-2025.pem (replaced by identities/certs/prod-build-root-2026.pem, valid until 2029-01-01)"))

        // A certificate that expires within certificateExpiryWarningDays (30) retires too.
        let fixture = try PolicyFixture([:], certificates: ["identities/certs/root.pem": "expiring-root.pem"])
        defer { fixture.remove() }
        let model = try fixture.compile().model
        let expiring = Self.audit([Self.signed("contosoprod.azurecr.io/platform/ingress", by: ["prod-build"], model: model)], model: model)
        #expect(Self.summary(expiring) == ["retiring-root 1 platform prod-build warning"])
        #expect(expiring.findings[0].message.contains("identities/certs/root.pem (valid until 2026-12-10)"))
    }

    @Test func foreignRegistriesAndUnownedRepositoriesAreNotAuditedFurther() {
        let unknown = [TestSignature(chain: InspectionDocument.unknownChain())]
        let report = Self.audit([
            InspectionDocument.line(reference: Self.reference("ghcr.io/contoso/tools"), unknown),
            InspectionDocument.line(reference: Self.reference("contosoprod.azurecr.io/search/indexer"), unknown),
            InspectionDocument.line(reference: Self.reference("contosoprod.azurecr.io/payments/ledger"), []),
        ])
        #expect(Self.summary(report) == ["foreign-registry 1 - - warning", "unowned-repository 3 - - warning",
                                          "unowned-repository 2 - - warning"])
        #expect(report.findings[2].message.contains("team `search` owns it but does not deploy to production"))
        #expect(!report.hasErrors)
    }

    @Test func reportsEachProblemOncePerImageAndSignature() {
        let line = InspectionDocument.line(reference: Self.reference("contosoprod.azurecr.io/checkout/web"),
                                           [TestSignature(chain: InspectionDocument.unknownChain())])
        let report = Self.audit([line, line, line])
        #expect(Self.summary(report) == ["unknown-signer 1 checkout - error", "unsigned 1 checkout - error"])
        #expect(report.images == 3)
    }

    @Test func notationShapesAreAuditedAlike() {
        let v1 = Self.signed("contosoprod.azurecr.io/checkout/web", by: ["payments-release"])
        let v2 = Self.signed("contosoprod.azurecr.io/checkout/web", by: ["payments-release"], v2: true)
        #expect(Self.summary(Self.audit([v1])) == Self.summary(Self.audit([v2])))
        #expect(Self.summary(Self.audit([v1])) == ["unexpected-signer 1 checkout payments-release error", "unsigned 1 checkout - error"])
    }

    /// (line, column, words of the message)
    @Test func locatesAndSkipsMalformedLines() {
        let chain = InspectionDocument.chain(Self.sample.identities["prod-build"]!)
        let grouped = TestSignature(chain: [TestCertificate(fingerprint: chain[0].fingerprint, issuedTo: "CN=a,,", issuedBy: "x")] + chain.dropFirst())
        let lines = [
            "not json",
            InspectionDocument.line(reference: nil, []),
            InspectionDocument.line(reference: "contosoprod.azurecr.io/payments/api:1.4.2", []),
            InspectionDocument.line(reference: "contosoprod.azurecr.io/Payments/API@sha256:" + String(repeating: "0", count: 64), []),
            #"{"Signatures":[{"signedAttributes":{"signingScheme":"notary.x509"},"certificates":[]}],"reference":"contosoprod.azurecr.io/payments/api@sha256:\#(String(repeating: "0", count: 64))"}"#,
            InspectionDocument.line(reference: Self.reference("contosoprod.azurecr.io/payments/api"), [grouped]),
            "   ",
            "",
            Self.signed("contosoprod.azurecr.io/payments/api", by: ["prod-build"]),
        ]
        let report = Self.audit(lines)
        #expect(report.malformed.map { "\($0.line):\($0.column)" } == ["1:1", "2:1", "3:1", "4:1", "5:16", "6:1"])
        let messages = report.malformed.map(\.message)
        #expect(messages[0].contains("expected an object"))
        #expect(messages[1].contains("no `reference`"))
        #expect(messages[2].contains("has no digest"))
        #expect(messages[3].contains("is not a repository path"))
        #expect(messages[4].contains("$.Signatures[0]: a signature without certificates"))
        #expect(messages[5].contains("$.Signatures[0].certificates[0].issuedTo: `CN=a,,` is not a distinguished name"))
        #expect(report.malformedCount == 6 && report.images == 1 && report.findings.isEmpty && report.hasErrors)
        let tooLong = SignatureAudit(model: Self.sample, today: Self.today).audit([], lines: [SignatureAudit.Line(number: 9, range: nil)])
        guard case .malformed(let line) = tooLong.first else { Issue.record("\(tooLong)"); return }
        #expect(line.line == 9 && line.message.contains("longer than 16 MiB"))
    }
}
