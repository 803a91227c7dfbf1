import Foundation
import Testing
@testable import TrustPolicyCompiler

extension HostileTests {
    /// `trustc render` gives byte-identical trees whatever the locale, the time zone, the
    /// current directory and the order in which files are named and created. Every render is a
    /// process of its own with a random hash seed (`SWIFT_DETERMINISTIC_HASHING` is removed from
    /// its environment), so output that follows a Set's or a Dictionary's order differs between
    /// runs and fails here.
    @Suite struct CLIDeterminismTests {
        /// A locale that is installed, preferring ones that change case mapping and number
        /// formats (Turkish dotless i, German decimal comma); the variable is set either way.
        static func locale(_ preferred: [String]) -> String {
            let installed = (try? ChildProcess.shell("locale -a 2>/dev/null", []).stdout) ?? ""
            let names = Set(installed.split(separator: "\n").map { $0.lowercased().replacing("-", with: "") })
            return preferred.first { names.contains($0.lowercased().replacing("-", with: "")) } ?? preferred[0]
        }

        /// A copy of the sample whose YAML files are renamed so that they sort the other way
        /// round, and created in reverse order (directory listings follow creation order on
        /// many file systems). Certificates keep their places, so references stay valid.
        static func reorderedCopy(of source: String, to destination: String) throws {
            let files = try Golden.listFiles(under: URL(fileURLWithPath: source)).sorted()
            let yaml = files.filter { $0.hasSuffix(".yaml") }
            for path in files.reversed() {
                var target = path
                if let position = yaml.firstIndex(of: path) {
                    let url = URL(fileURLWithPath: path)
                    let renamed = String(format: "%03d-%@", yaml.count - position, url.lastPathComponent)
                    target = url.deletingLastPathComponent().appendingPathComponent(renamed).relativePath
                    if target.hasPrefix("./") { target.removeFirst(2) }
                }
                let url = URL(fileURLWithPath: destination).appendingPathComponent(target)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: "\(source)/\(path)", toPath: url.path)
            }
        }

        @Test func rendersAreByteIdenticalAcrossLocalesTimeZonesDirectoriesAndFileOrder() throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-determinism-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            let reordered = root.appendingPathComponent("reordered").path
            try Self.reorderedCopy(of: Sample.directory, to: reordered)
            let turkish = Self.locale(["tr_TR.UTF-8", "tr_TR.utf8", "C.UTF-8"])
            let german = Self.locale(["de_DE.UTF-8", "de_DE.utf8", "C.UTF-8"])

            struct Variant {
                var name: String
                var source: String
                var directory: String?
                var environment: [String: String?]
            }
            let package = Golden.packageRoot.path
            let variants = [
                Variant(name: "C, UTC, from the package", source: "policies", directory: package,
                        environment: ["LC_ALL": "C", "LANG": "C", "TZ": "UTC"]),
                Variant(name: "\(turkish), Pacific/Chatham, from /", source: Sample.directory, directory: "/",
                        environment: ["LC_ALL": turkish, "LANG": turkish, "TZ": "Pacific/Chatham"]),
                Variant(name: "\(german), America/St_Johns, from the output's parent", source: Sample.directory, directory: root.path,
                        environment: ["LC_ALL": german, "LANG": german, "TZ": "America/St_Johns"]),
                Variant(name: "no locale variables, reordered files", source: reordered, directory: root.path,
                        environment: ["LC_ALL": nil, "LANG": nil, "LC_COLLATE": nil, "TZ": "Asia/Kathmandu"]),
                Variant(name: "reordered files, Turkish, relative path", source: "reordered", directory: root.path,
                        environment: ["LC_ALL": turkish, "TZ": "Pacific/Kiritimati"]),
            ]
            var trees: [(String, [String: Data])] = []
            var validations: [(String, String)] = []
            for (index, var variant) in variants.enumerated() {
                variant.environment["SWIFT_DETERMINISTIC_HASHING"] = .some(nil)
                let out = root.appendingPathComponent("out-\(index)").path
                let render = try ChildProcess(ChildProcess.trustc, ["render", variant.source, "--out", out, "--now", "2026-11-25"],
                                              environment: variant.environment, directory: variant.directory).wait(timeout: 120)
                #expect(render.exitStatus == 0, "\(variant.name): \(render.summary)\n\(render.output)")
                trees.append((variant.name, HostileFixture.tree(at: out)))
                let validate = try ChildProcess(ChildProcess.trustc, ["validate", variant.source, "--now", "2026-11-25", "--format", "json"],
                                                environment: variant.environment, directory: variant.directory).wait(timeout: 120)
                #expect(validate.exitStatus == 0, "\(variant.name): \(validate.summary)\n\(validate.output)")
                validations.append((variant.name, validate.stdout))
            }
            let (firstName, first) = trees[0]
            #expect(first.count > 20)
            for (name, tree) in trees.dropFirst() {
                #expect(tree.keys.sorted() == first.keys.sorted(), "\(name): other files than \(firstName)")
                for (path, bytes) in first where tree[path] != bytes {
                    Issue.record("\(name): `\(path)` differs from \(firstName)")
                }
            }
            // Without diagnostics, validate's JSON does not depend on the environment either.
            for (name, output) in validations.dropFirst() {
                #expect(output == validations[0].1, "\(name): validate output differs")
            }
        }
    }
}
