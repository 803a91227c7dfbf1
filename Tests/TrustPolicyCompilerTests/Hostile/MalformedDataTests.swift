import Foundation
import Testing
@testable import TrustPolicyCompiler

/// One malformed input: written next to the unrelated mistake, it must give located
/// diagnostics (exactly where the markers say) and leave the rest of the run reported.
struct MalformedInput: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        /// A code at a marker of the changed files.
        case marker(DiagnosticCode, String)
        /// A code at an exact place.
        case at(DiagnosticCode, String, line: Int, column: Int)
        /// Any diagnostic of the code in the file.
        case inFile(DiagnosticCode, String)

        var code: DiagnosticCode {
            switch self {
            case .marker(let code, _), .at(let code, _, _, _), .inFile(let code, _): code
            }
        }
    }

    var name: String
    var changes: [String: String?] = [:]
    var certificates: [String: String] = [:]
    var bytes: [String: [UInt8]] = [:]
    var expected: [Expected]
    /// Codes that must not appear (a problem reported twice, or follow-on errors).
    var absent: [DiagnosticCode] = []

    var testDescription: String { name }

    static let team = PolicyFixture.baseline["teams/platform.yaml"]!
    static let identity = PolicyFixture.baseline["identities/prod-build.yaml"]!

    /// The identity with its certificate reference replaced (marker 1️⃣ at the path).
    static func identity(certificate: String) -> String {
        identity.replacing("    - file: certs/root.pem", with: "    - file: 1️⃣\(certificate)")
    }

    static let all: [MalformedInput] = [
        MalformedInput(name: "invalid UTF-8",
                       bytes: [
                           "teams/latin1.yaml": Array("apiVersion: trustc/v1\nkind: Team\nmetadata:\n  name: caf".utf8) + [0xE9] + Array("\n".utf8)],
                       expected: [.at(.invalidUTF8, "teams/latin1.yaml", line: 4, column: 12)]),
        MalformedInput(name: "UTF-16 with a byte-order mark",
                       bytes: ["teams/utf16.yaml": [0xFF, 0xFE] + Array("kind: Team\n".utf8).flatMap { [$0, 0] }],
                       expected: [.at(.invalidUTF8, "teams/utf16.yaml", line: 1, column: 1)]),
        MalformedInput(name: "a UTF-8 byte-order mark",
                       bytes: ["teams/platform.yaml": [0xEF, 0xBB, 0xBF] + Array(team.utf8)],
                       expected: [.at(.byteOrderMark, "teams/platform.yaml", line: 1, column: 1)],
                       // The file is still read: the platform team exists.
                       absent: [.unknownReference, .yamlSyntax]),
        MalformedInput(name: "a NUL byte in a value",
                       bytes: ["teams/nul.yaml": Array("apiVersion: trustc/v1\nkind: Team\nmetadata:\n  name: a".utf8) + [0] + Array("b\n".utf8)],
                       expected: [.inFile(.yamlSyntax, "teams/nul.yaml")]),
        MalformedInput(name: "tabs for indentation",
                       changes: ["teams/tabs.yaml": "apiVersion: trustc/v1\nkind: Team\nmetadata:\n1️⃣\tname: tabs\n"],
                       expected: [.marker(.yamlSyntax, "1️⃣")]),
        MalformedInput(name: "YAML 1.1 booleans, octal, exponent and a date",
                       changes: [
                           "teams/platform.yaml": team.replacing("namespaces: [ingress]", with: "namespaces: [ingress, 1️⃣no, 2️⃣on]")
                               .replacing("repositories: [platform/ingress]", with: "repositories: [platform/ingress, 3️⃣0777, 4️⃣1e3]"),
                           "organization.yaml": PolicyFixture.baseline["organization.yaml"]!
                               .replacing("tenantID: 72f988bf-86f1-41af-91ab-2d7cd011db47", with: "tenantID: 5️⃣2026-01-01"),
                       ],
                       expected: [.marker(.yaml11Ambiguity, "1️⃣"), .marker(.yaml11Ambiguity, "2️⃣"),
                                  .marker(.wrongType, "3️⃣"), .marker(.wrongType, "4️⃣"), .marker(.invalidGUID, "5️⃣")]),
        MalformedInput(name: "merge keys with an anchor and an alias",
                       changes: ["teams/merge.yaml": """
                           apiVersion: trustc/v1
                           kind: Team
                           metadata:
                             name: merge
                             labels: 1️⃣&base {a: b}
                           spec:
                             2️⃣<<: 3️⃣*base
                             owners: ["@contoso/merge"]
                           """],
                       expected: [.marker(.anchorOrAlias, "1️⃣"), .marker(.mergeKey, "2️⃣"), .marker(.anchorOrAlias, "3️⃣")]),
        MalformedInput(name: "a merge key without aliases",
                       changes: ["teams/merge.yaml": "apiVersion: trustc/v1\nkind: Team\nmetadata:\n  name: merge\nspec:\n  1️⃣<<: {owners: []}\n"],
                       expected: [.marker(.mergeKey, "1️⃣")]),
        MalformedInput(name: "tags: !!binary, a custom tag, a language tag",
                       changes: ["teams/tags.yaml": """
                           apiVersion: trustc/v1
                           kind: Team
                           metadata:
                             name: tags
                           spec:
                             owners: 1️⃣!!binary aGVsbG8=
                             environments: 2️⃣!custom [production]
                             repositories: 3️⃣!!python/object/apply:os.system ["true"]
                           """],
                       expected: [.marker(.unsupportedTag, "1️⃣"), .marker(.unsupportedTag, "2️⃣"), .marker(.unsupportedTag, "3️⃣")]),
        MalformedInput(name: "duplicate keys and a collection as a key",
                       changes: ["teams/keys.yaml": "apiVersion: trustc/v1\nkind: Team\n1️⃣kind: Cluster\n2️⃣[a]: b\n"],
                       expected: [.marker(.duplicateKey, "1️⃣"), .marker(.nonScalarKey, "2️⃣")]),
        MalformedInput(name: "three documents, the middle one broken",
                       changes: ["teams/multi.yaml": """
                           apiVersion: trustc/v1
                           kind: Team
                           metadata:
                             name: alpha
                           spec:
                             owners: ["@contoso/alpha"]
                             environments: [production]
                             repositories: [alpha/api]
                             signingIdentities: [prod-build]
                           ---
                           apiVersion: trustc/v1
                           kind: Team
                           metadata: {name: beta
                           spec: 1️⃣[unclosed
                           ---
                           apiVersion: trustc/v1
                           kind: Team
                           metadata:
                             name: gamma
                           spec:
                             owners: ["@contoso/gamma"]
                             environments: [production]
                             repositories: [gamma/api]
                             signingIdentities: [prod-build]
                             2️⃣ownerz: []
                           """],
                       expected: [.inFile(.yamlSyntax, "teams/multi.yaml"), .marker(.unknownField, "2️⃣")]),
        MalformedInput(name: "an empty file and a file of comments",
                       changes: ["teams/empty.yaml": "", "teams/comments.yaml": "# nothing here\n"],
                       expected: [.at(.emptyFile, "teams/empty.yaml", line: 1, column: 1),
                                  .at(.emptyFile, "teams/comments.yaml", line: 1, column: 1)]),
        MalformedInput(name: "a truncated PEM file",
                       changes: ["identities/prod-build.yaml": identity(certificate: "certs/truncated.pem")],
                       certificates: ["identities/certs/truncated.pem": "truncated.pem"],
                       expected: [.marker(.certificateUnparseable, "1️⃣")]),
        MalformedInput(name: "a PEM file holding only a private key",
                       changes: ["identities/prod-build.yaml": identity(certificate: "certs/key.pem")],
                       certificates: ["identities/certs/key.pem": "private-key.pem"],
                       expected: [.marker(.privateKeyInFile, "1️⃣")]),
        MalformedInput(name: "a PEM file holding a certificate and its key",
                       changes: ["identities/prod-build.yaml": identity(certificate: "certs/both.pem")],
                       certificates: ["identities/certs/both.pem": "cert-and-key.pem"],
                       expected: [.marker(.privateKeyInFile, "1️⃣")]),
        MalformedInput(name: "a PEM file holding two certificates",
                       changes: ["identities/prod-build.yaml": identity(certificate: "certs/two.pem")],
                       certificates: ["identities/certs/two.pem": "two-certificates.pem"],
                       expected: [.marker(.multipleCertificatesInFile, "1️⃣")]),
        MalformedInput(name: "a DER certificate",
                       changes: ["identities/prod-build.yaml": identity(certificate: "certs/root.der")],
                       certificates: ["identities/certs/root.der": "der-root.der"],
                       expected: [.marker(.certificateIsDER, "1️⃣")]),
        MalformedInput(name: "a certificate file that is not PEM",
                       changes: ["identities/prod-build.yaml": identity(certificate: "certs/garbage.pem")],
                       certificates: ["identities/certs/garbage.pem": "garbage.pem"],
                       expected: [.marker(.certificateUnparseable, "1️⃣")]),
        MalformedInput(name: "an empty certificate file",
                       changes: ["identities/prod-build.yaml": identity(certificate: "certs/empty.pem")],
                       bytes: ["identities/certs/empty.pem": []],
                       expected: [.marker(.certificateUnparseable, "1️⃣")]),
        MalformedInput(name: "a 2 MB certificate file",
                       changes: ["identities/prod-build.yaml": identity(certificate: "certs/huge.pem")],
                       bytes: ["identities/certs/huge.pem": [UInt8](repeating: UInt8(ascii: "A"), count: 2 << 20)],
                       expected: [.marker(.fileTooLarge, "1️⃣")]),
        MalformedInput(name: "a PEM block whose base64 is corrupt",
                       changes: ["identities/prod-build.yaml": identity(certificate: "certs/corrupt.pem")],
                       bytes: ["identities/certs/corrupt.pem": Array("-----BEGIN CERTIFICATE-----\nMII!!!notbase64***\n-----END CERTIFICATE-----\n".utf8)],
                       expected: [.marker(.certificateUnparseable, "1️⃣")]),
    ]
}

extension HostileTests {
    @Suite struct MalformedDataTests {
        @Test(arguments: MalformedInput.all)
        func givesLocatedDiagnosticsAndKeepsReporting(_ input: MalformedInput) throws {
            let fixture = try HostileFixture(input.changes, certificates: input.certificates)
            defer { fixture.remove() }
            for (path, bytes) in input.bytes { try fixture.write(bytes, to: path) }

            let compilation = try fixture.compile()
            for expected in input.expected {
                switch expected {
                case .marker(let code, let marker):
                    let location = fixture.fixture.location(marker)
                    #expect(compilation.diagnostics.contains { $0.code == code && $0.location == location },
                            "\(input.name): expected \(code.rawValue) at \(location), got:\n\(compilation.described)")
                case .at(let code, let file, let line, let column):
                    let location = SourceLocation(file: file, line: line, column: column)
                    #expect(compilation.diagnostics.contains { $0.code == code && $0.location == location },
                            "\(input.name): expected \(code.rawValue) at \(location), got:\n\(compilation.described)")
                case .inFile(let code, let file):
                    #expect(compilation.reports(code, in: file),
                            "\(input.name): expected \(code.rawValue) in \(file), got:\n\(compilation.described)")
                }
            }
            for code in input.absent {
                #expect(!compilation.diagnostics.contains { $0.code == code }, "\(input.name): unexpected \(code.rawValue):\n\(compilation.described)")
            }
            #expect(compilation.reports(.invalidEnumValue, in: HostileFixture.unrelatedFile),
                    "\(input.name): the unrelated mistake was not reported:\n\(compilation.described)")

            let validate = try Budget.run(["validate", fixture.root, "--now", "2026-11-25"])
            Budget.expectWithin(validate, "\(input.name) (validate)")
            for expected in input.expected {
                let file: String = switch expected {
                case .marker(_, let marker): fixture.fixture.markers[marker]!.file
                case .at(_, let file, _, _), .inFile(_, let file): file
                }
                #expect(validate.reports(expected.code.rawValue, in: file),
                        "\(input.name): no located \(expected.code.rawValue) in \(file):\n\(validate.stdout.prefix(3000))")
            }
            #expect(validate.reports(HostileFixture.unrelatedCode, in: HostileFixture.unrelatedFile))

            // The machine-readable formats survive the same input.
            for format in ["json", "github", "sarif"] {
                let run = try Budget.run(["validate", fixture.root, "--now", "2026-11-25", "--format", format])
                Budget.expectWithin(run, "\(input.name) (validate --format \(format))")
                if format == "json" {
                    #expect((try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) != nil,
                            "\(input.name): --format json is not JSON")
                }
            }

            let render = try Budget.run(["render", fixture.root, "--out", fixture.out, "--now", "2026-11-25"])
            Budget.expectWithin(render, "\(input.name) (render)")
            #expect(!FileManager.default.fileExists(atPath: fixture.out))
        }
    }
}
