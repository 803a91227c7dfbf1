import Foundation
import Testing
@testable import TrustPolicyCompiler
#if canImport(Glibc)
import Glibc
#endif

/// A name or path from a hostile pull request that must never lead trustc to read outside the
/// policy directory or write outside the output directory: each is a located diagnostic, and
/// render refuses.
struct UnsafeName: Sendable, CustomTestStringConvertible {
    var name: String
    var changes: [String: String?]
    var expected: [DiagnosticCode]

    var testDescription: String { name }

    static let cluster = PolicyFixture.baseline["clusters/aks-prod-weu-1.yaml"]!
    static let environment = PolicyFixture.baseline["environments.yaml"]!
    static let identity = PolicyFixture.baseline["identities/prod-build.yaml"]!

    /// The cluster file with `name` (a YAML scalar as written) as its metadata.name.
    static func clusterNamed(_ name: String) -> [String: String?] {
        ["clusters/hostile.yaml": cluster.replacing("  name: aks-prod-weu-1", with: "  name: 1️⃣\(name)")]
    }

    static func region(_ region: String) -> [String: String?] {
        ["clusters/hostile.yaml": cluster.replacing("  name: aks-prod-weu-1", with: "  name: aks-hostile-1")
            .replacing("  region: westeurope", with: "  region: 1️⃣\(region)")]
    }

    static func namespace(_ namespace: String) -> [String: String?] {
        ["clusters/hostile.yaml": cluster.replacing("  name: aks-prod-weu-1", with: "  name: aks-hostile-1")
            .replacing("    - name: ingress", with: "    - name: 1️⃣\(namespace)")]
    }

    static func environmentNamed(_ name: String) -> [String: String?] {
        ["environments-hostile.yaml": environment.replacing("  name: production", with: "  name: 1️⃣\(name)")]
    }

    static func certificate(_ path: String) -> [String: String?] {
        ["identities/prod-build.yaml": identity.replacing("    - file: certs/root.pem", with: "    - file: 1️⃣\(path)")]
    }

    static let hostileNames = [
        "\"../../etc\"", "\"a/b\"", "\".\"", "\"..\"", "/etc/cron.d", "\"a\\0b\"", "\"aks\\u0007bell\"",
        "\"aks\\e[31mred\"", "\"aks\\nprod\"", "\"аks-prod-weu-1\"" /* Cyrillic а */, "\"aks-prod-wеu-1\"" /* Cyrillic е */,
        "AKS-Prod", "aks_prod", "\"aks prod\"", "\"\"", String(repeating: "a", count: 41), "\"\\u202Eaks\"" /* RTL override */,
    ]

    static let all: [UnsafeName] =
        hostileNames.map { UnsafeName(name: "cluster named \($0)", changes: clusterNamed($0), expected: [.invalidName]) }
        + [
            // Valid by docs/format.md, rejected by Kubernetes (a label value ends with a letter or digit).
            UnsafeName(name: "cluster named aks-", changes: clusterNamed("aks-"), expected: [.invalidKubernetesName]),
        ]
        + ["\"../../etc\"", "\"a/b\"", "\".\"", "/etc", "\"a\\0b\"", "\"\\u0435tc\""].map {
            UnsafeName(name: "environment named \($0)", changes: environmentNamed($0), expected: [.invalidName])
        }
        + ["\"../../etc\"", "\"a/b\"", "\".\"", "/etc", "\"west\\0europe\"", "\"westеurope\"" /* Cyrillic е */,
           "\"west\\teurope\"", "WestEurope"].map {
            UnsafeName(name: "region \($0)", changes: region($0), expected: [.invalidRegion])
        }
        + ["\"../x\"", "\"a/b\"", "\".\"", "\"kube\\0system\"", "\"іngress\"" /* Cyrillic і */, "Ingress",
           String(repeating: "n", count: 64)].map {
            UnsafeName(name: "namespace \($0)", changes: namespace($0), expected: [.invalidNamespace])
        }
        + ["../../etc/passwd", "/etc/passwd", "certs/../../../etc/passwd", "\"certs/root.pem\\0\"", "~/.ssh/id_rsa",
           "\"\\\\\\\\server\\\\share\\\\root.pem\""].map {
            UnsafeName(name: "certificate path \($0)", changes: certificate($0), expected: [.pathOutsidePolicyDirectory])
        }
}

extension HostileTests {
    @Suite struct UnsafeNamesAndPathsTests {
        @Test(arguments: UnsafeName.all)
        func isReportedAndNeverReachesTheFileSystem(_ unsafe: UnsafeName) throws {
            let fixture = try HostileFixture(unrelatedMistake: false, unsafe.changes)
            defer { fixture.remove() }
            let compilation = try fixture.compile()
            let location = fixture.fixture.location("1️⃣")
            for code in unsafe.expected {
                #expect(compilation.diagnostics.contains { $0.code == code && $0.location == location },
                        "\(unsafe.name): expected \(code.rawValue) at \(location), got:\n\(compilation.described)")
            }
            #expect(compilation.hasErrors)

            let validate = try Budget.run(["validate", fixture.root, "--now", "2026-11-25"])
            Budget.expectWithin(validate, "\(unsafe.name) (validate)")
            for code in unsafe.expected {
                #expect(validate.located.contains { $0.code == code.rawValue && $0.file.hasSuffix(location.file) && $0.line == location.line },
                        "\(unsafe.name): no located \(code.rawValue):\n\(validate.stdout.prefix(3000))")
            }
            // Control characters reach the output only as escapes.
            #expect(!validate.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x1B || $0.value == 0x202E },
                    "\(unsafe.name): a control character reached the text output")

            // Render refuses: the output directory's parent gains nothing and the policy
            // directory is left as it was.
            let world = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-world-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: world, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: world) }
            let policyBefore = HostileFixture.tree(at: fixture.root)
            let render = try Budget.run(["render", fixture.root, "--out", "\(world)/out", "--now", "2026-11-25"])
            Budget.expectWithin(render, "\(unsafe.name) (render)")
            #expect(render.exitStatus == 1)
            let after = try FileManager.default.contentsOfDirectory(atPath: world)
            #expect(after.isEmpty, "render wrote \(after)")
            #expect(HostileFixture.tree(at: fixture.root) == policyBefore, "render changed the policy directory")
        }

        @Test func theSampleRendersOnlyPlainRelativePaths() throws {
            for options in [BundleRenderer.Options(), .init(selfContained: true)] {
                for file in try Sample.render(options) {
                    let components = file.path.split(separator: "/", omittingEmptySubsequences: false)
                    #expect(!file.path.hasPrefix("/") && !components.contains("..") && !components.contains(".")
                            && !components.contains(""), "unsafe rendered path \(file.path)")
                    #expect(file.path.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 }, "unsafe rendered path \(file.path)")
                }
            }
        }

        /// Links inside the policy directory that lead outside it: each is reported where it is,
        /// and its target is never opened (a FIFO would block an `open`, a YAML file would
        /// produce diagnostics of its own, a certificate would be accepted).
        @Test func symbolicLinksLeadingOutsideAreReportedAndNeverFollowed() throws {
            let fixture = try HostileFixture(unrelatedMistake: true, [
                "identities/prod-build.yaml": UnsafeName.identity.replacing("    - file: certs/root.pem", with: """
                        - file: certs/root.pem
                        - file: 1️⃣certs/outside.pem
                    """),
            ])
            defer { fixture.remove() }
            let outside = URL(fileURLWithPath: fixture.root + "-outside")
            try FileManager.default.createDirectory(at: outside.appendingPathComponent("dir"), withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: outside) }
            // What a followed link would read: a team with a telltale unknown field, a directory of
            // such teams, a FIFO, a certificate and a device.
            let telltale = "apiVersion: trustc/v1\nkind: Team\nmetadata:\n  name: telltale\nspec:\n  telltaleField: 1\n"
            try telltale.write(to: outside.appendingPathComponent("team.yaml"), atomically: true, encoding: .utf8)
            try telltale.write(to: outside.appendingPathComponent("dir/team.yaml"), atomically: true, encoding: .utf8)
            #expect(mkfifo(outside.appendingPathComponent("fifo.yaml").path, 0o644) == 0)
            try FileManager.default.copyItem(at: PolicyFixture.certificates.appendingPathComponent("valid-root.pem"),
                                             to: outside.appendingPathComponent("root.pem"))
            let links = [
                "teams/evil.yaml": outside.appendingPathComponent("team.yaml").path,
                "teams/evil-dir": outside.appendingPathComponent("dir").path,
                "teams/fifo.yaml": outside.appendingPathComponent("fifo.yaml").path,
                "teams/zero.yaml": "/dev/zero",
                "teams/relative.yaml": "../../" + outside.lastPathComponent + "/team.yaml",
                "identities/certs/outside.pem": outside.appendingPathComponent("root.pem").path,
            ]
            for (link, target) in links {
                try FileManager.default.createSymbolicLink(atPath: "\(fixture.root)/\(link)", withDestinationPath: target)
            }

            let (compilation, seconds) = try timed { try fixture.compile() }
            #expect(seconds <= Budget.seconds)
            for link in ["teams/evil.yaml", "teams/evil-dir", "teams/fifo.yaml", "teams/zero.yaml", "teams/relative.yaml"] {
                #expect(compilation.reports(.pathOutsidePolicyDirectory, in: link), "link \(link) not reported:\n\(compilation.described)")
            }
            #expect(compilation.diagnostics.contains {
                $0.code == .pathOutsidePolicyDirectory && $0.location == fixture.fixture.location("1️⃣")
            }, "certificate link not reported:\n\(compilation.described)")
            #expect(!compilation.diagnostics.contains { $0.message.contains("telltale") }, "a link target was read")
            #expect(compilation.reports(.invalidEnumValue, in: HostileFixture.unrelatedFile))

            let validate = try Budget.run(["validate", fixture.root, "--now", "2026-11-25"])
            Budget.expectWithin(validate, "links (validate)")
            for link in ["teams/evil.yaml", "teams/evil-dir", "teams/fifo.yaml", "teams/zero.yaml", "identities/prod-build.yaml"] {
                #expect(validate.reports("TP016", in: link), "no located TP016 for \(link):\n\(validate.stdout.prefix(3000))")
            }
            #expect(!validate.output.contains("telltale"))
            let render = try Budget.run(["render", fixture.root, "--out", fixture.out, "--now", "2026-11-25"])
            Budget.expectWithin(render, "links (render)")
            #expect(!FileManager.default.fileExists(atPath: fixture.out))
        }

        /// A policy file that is a FIFO inside the directory, a certificate that is a FIFO, and
        /// links that dangle or loop: none may block or vanish without a word.
        @Test func fifosAndBrokenLinksNeitherHangNorVanish() throws {
            let fixture = try HostileFixture(unrelatedMistake: true, [
                "identities/prod-build.yaml": UnsafeName.certificate("certs/pipe.pem")["identities/prod-build.yaml"]!,
            ])
            defer { fixture.remove() }
            #expect(mkfifo("\(fixture.root)/identities/certs/pipe.pem", 0o644) == 0)
            #expect(mkfifo("\(fixture.root)/teams/pipe.yaml", 0o644) == 0)
            try FileManager.default.createSymbolicLink(atPath: "\(fixture.root)/teams/dangling.yaml", withDestinationPath: "missing.yaml")
            try FileManager.default.createSymbolicLink(atPath: "\(fixture.root)/teams/loop-a.yaml", withDestinationPath: "loop-b.yaml")
            try FileManager.default.createSymbolicLink(atPath: "\(fixture.root)/teams/loop-b.yaml", withDestinationPath: "loop-a.yaml")
            let compilation = try fixture.compile()
            #expect(compilation.diagnostics.contains {
                $0.code == .unreadableFile && $0.location == fixture.fixture.location("1️⃣")
            }, "the FIFO certificate was not reported:\n\(compilation.described)")
            for link in ["teams/dangling.yaml", "teams/loop-a.yaml", "teams/loop-b.yaml"] {
                #expect(compilation.reports(.unreadableFile, in: link), "\(link) not reported:\n\(compilation.described)")
            }
            let validate = try Budget.run(["validate", fixture.root, "--now", "2026-11-25"])
            Budget.expectWithin(validate, "FIFOs (validate)")
            #expect(validate.reports("TP001", in: "identities/prod-build.yaml"))
        }

        /// A file name is input too: one holding a newline and a terminal escape must not start a
        /// line of its own in the output (GitHub Actions reads `::error ...` lines as commands).
        @Test func fileNamesCannotForgeOutputLines() throws {
            let fixture = try HostileFixture(unrelatedMistake: false)
            defer { fixture.remove() }
            try fixture.write("apiVersion: trustc/v1\nkind: Team\n", to: "teams/evil\n::error file=x::forged\u{1B}[2J.yaml")
            for format in ["text", "github", "json", "sarif"] {
                let run = try Budget.run(["validate", fixture.root, "--now", "2026-11-25", "--format", format])
                Budget.expectWithin(run, "file name (\(format))")
                #expect(run.exitStatus == 1)
                #expect(!run.stdout.split(separator: "\n").contains { $0.hasPrefix("::error file=x") }, "\(format): a forged line")
                if format != "github" {
                    #expect(!run.stdout.contains("\u{1B}"), "\(format): a raw escape character in the output")
                }
            }
            let text = try Budget.run(["validate", fixture.root, "--now", "2026-11-25"])
            #expect(text.stdout.contains("evil\\u{A}::error file=x::forged\\u{1B}[2J.yaml:1:1: error[TP102]"), "\(text.stdout)")
        }

        /// A foreign link inside the output directory, where trustc writes a directory: trustc
        /// must not write through it.
        @Test func aLinkInTheOutputDirectoryIsNeverWrittenThrough() throws {
            let fixture = try HostileFixture(unrelatedMistake: false)
            defer { fixture.remove() }
            let outside = fixture.root + "-outside"
            try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: outside) }
            let first = try ChildProcess.trustc(["render", fixture.root, "--out", fixture.out, "--now", "2026-11-25"])
            #expect(first.exitStatus == 0, "\(first.output)")
            // Replace the rendered environment directory by a link to a directory outside.
            try FileManager.default.removeItem(atPath: "\(fixture.out)/production")
            try FileManager.default.createSymbolicLink(atPath: "\(fixture.out)/production", withDestinationPath: outside)
            let second = try ChildProcess.trustc(["render", fixture.root, "--out", fixture.out, "--now", "2026-11-25"])
            #expect(second.exitStatus == 0 || second.exitStatus == 2, "\(second.summary)\n\(second.output)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty, "trustc wrote through a link")
            // The output directory itself being a link is refused.
            let linkedOut = fixture.root + "-linked-out"
            try FileManager.default.createSymbolicLink(atPath: linkedOut, withDestinationPath: outside)
            defer { try? FileManager.default.removeItem(atPath: linkedOut) }
            let third = try ChildProcess.trustc(["render", fixture.root, "--out", linkedOut, "--now", "2026-11-25"])
            #expect(third.exitStatus == 2, "\(third.summary)\n\(third.output)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty, "trustc wrote through a link")
        }
    }
}
