import Foundation
import Testing
@testable import TrustPolicyCompiler

@Suite struct PolicyDirectoryTests {
    static func limits(_ change: (inout LoaderLimits) -> Void) -> LoaderLimits {
        var limits = LoaderLimits()
        change(&limits)
        return limits
    }

    static let cases: [DirectoryCase] = [
        DirectoryCase("link to a YAML file outside", files: ["a.yaml": "a: 1\n"],
                      links: ["teams/evil.yaml": "$OUTSIDE/secret.yaml"], outside: ["secret.yaml": "b: 1\n"],
                      expect: [(.pathOutsidePolicyDirectory, "teams/evil.yaml")]),
        DirectoryCase("link to a directory outside", files: ["a.yaml": "a: 1\n"],
                      links: ["shared": "$OUTSIDE/dir"], outside: ["dir/b.yaml": "b: 1\n"],
                      expect: [(.pathOutsidePolicyDirectory, "shared")]),
        DirectoryCase("link to another kind of file outside is ignored", files: ["a.yaml": "a: 1\n"],
                      links: ["README.md": "$OUTSIDE/README.md"], outside: ["README.md": "hello\n"], expect: []),
        DirectoryCase("link that leads to nothing", files: ["a.yaml": "a: 1\n"],
                      links: ["b.yaml": "missing.yaml"], expect: [(.unreadableFile, "b.yaml")]),
        DirectoryCase("link back to the directory itself", files: ["a.yaml": "a: 1\n"],
                      links: ["loop": ".", "sub/again": "../sub"], expect: []),
        DirectoryCase("file larger than the limit", files: ["a.yaml": "a: 1\n", "big.yaml": String(repeating: "#", count: 200)],
                      limits: limits { $0.maxFileBytes = 100 }, expect: [(.fileTooLarge, "big.yaml")]),
        DirectoryCase("more YAML in total than the limit",
                      files: ["a.yaml": String(repeating: "#", count: 60), "b.yaml": String(repeating: "#", count: 60),
                              "c.yaml": "c: 1\n"],
                      limits: limits { $0.maxTotalBytes = 100 }, expect: [(.inputTooLarge, "b.yaml")]),
        DirectoryCase("more YAML files than the limit", files: ["a.yaml": "a: 1\n", "b.yaml": "b: 1\n", "c.yml": "c: 1\n"],
                      limits: limits { $0.maxFiles = 2 }, expect: [(.tooManyFiles, "c.yml")]),
        DirectoryCase("rendered output inside the policy directory is not read",
                      files: ["a.yaml": "a: 1\n", "out/trustc-manifest.json": "{}\n", "out/prod/_base/kustomization.yaml": "resources: []\n"],
                      expect: [(.renderedOutputSkipped, "out/trustc-manifest.json")]),
    ]

    @Test(arguments: cases) func reports(_ example: DirectoryCase) throws {
        try example.check()
    }

    @Test func readsYAMLFilesSortedAndSkipsHiddenAndOtherFiles() throws {
        let files = try DirectoryCase("", files: [
            "organization.yaml": "a: 1\n", "teams/b.yml": "b: 1\n", "teams/a.yaml": "a: 1\n",
            "README.md": "# hi\n", "certs/root.pem": "x", ".git/config.yaml": "x: 1\n", ".hidden.yaml": "x: 1\n",
            "teams/.draft.yaml": "x: 1\n", "notyaml.yaml.bak": "x",
        ], expect: []).check()
        #expect(files.map(\.path) == ["organization.yaml", "teams/a.yaml", "teams/b.yml"])
        #expect(files.first?.bytes == Array("a: 1\n".utf8))
    }

    @Test func followsLinksInsideTheDirectoryUnderTheLinkName() throws {
        let files = try DirectoryCase("", files: ["real/a.yaml": "a: 1\n"],
                                      links: ["alias.yaml": "real/a.yaml"], expect: []).check()
        #expect(files.map(\.path) == ["alias.yaml", "real/a.yaml"])
    }

    /// A directory reached twice (through a link) is read once, under the name that sorts first,
    /// whatever order the file system lists entries in.
    @Test(arguments: ["mirror", "0-mirror", "zz-mirror"])
    func readsADirectoryReachedTwiceOnceUnderTheFirstName(_ link: String) throws {
        let files = try DirectoryCase("", files: ["real/a.yaml": "a: 1\n", "real/b.yaml": "b: 1\n"],
                                      links: [link: "real"], expect: []).check()
        let first = min(link, "real")
        #expect(files.map(\.path) == ["\(first)/a.yaml", "\(first)/b.yaml"])
    }

    @Test func readsTheFilesBeforeTheTotalLimit() throws {
        let files = try Self.cases[6].check()
        #expect(files.map(\.path) == ["a.yaml"])
        let counted = try Self.cases[7].check()
        #expect(counted.map(\.path) == ["a.yaml", "b.yaml"])
    }

    @Test func openingAMissingDirectoryFails() {
        #expect(throws: PolicyDirectory.OpenError.notFound("/nonexistent/policies")) {
            try PolicyDirectory(path: "/nonexistent/policies")
        }
    }

    @Test func openingAFileFails() throws {
        let root = try DirectoryCase("", files: ["a.yaml": "a: 1\n"], expect: []).materialise()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("policies/a.yaml").path
        #expect(throws: PolicyDirectory.OpenError.notADirectory(path)) { try PolicyDirectory(path: path) }
    }

    @Test func resolvesReferencesRelativeToTheFileAndInsideTheDirectory() throws {
        let example = DirectoryCase("", files: ["identities/prod.yaml": "a: 1\n", "identities/certs/root.pem": "x",
                                                "certs/shared.pem": "x"],
                                    links: ["identities/certs/out.pem": "$OUTSIDE/root.pem"], outside: ["root.pem": "x"],
                                    expect: [])
        let root = try example.materialise()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = try PolicyDirectory(path: root.appendingPathComponent("policies").path)
        let file = "identities/prod.yaml"
        #expect(directory.resolve("certs/root.pem", from: file) == .success("identities/certs/root.pem"))
        #expect(directory.resolve("./certs//root.pem", from: file) == .success("identities/certs/root.pem"))
        #expect(directory.resolve("../certs/shared.pem", from: file) == .success("certs/shared.pem"))
        #expect(directory.resolve("../../certs/shared.pem", from: file) == .failure(.escapes))
        #expect(directory.resolve("/etc/passwd", from: file) == .failure(.absolute))
        #expect(directory.resolve("~/root.pem", from: file) == .failure(.absolute))
        #expect(directory.resolve("\\certs\\root.pem", from: file) == .failure(.absolute))
        #expect(directory.resolve("certs\\root.pem", from: file) == .failure(.invalidCharacters))
        #expect(directory.resolve("certs/root\n.pem", from: file) == .failure(.invalidCharacters))
        #expect(directory.resolve("", from: file) == .failure(.invalidCharacters))
        #expect(directory.resolve("certs/missing.pem", from: file) == .failure(.missing))
        #expect(directory.resolve("certs/out.pem", from: file) == .failure(.linkEscapes))
        #expect(try directory.read("certs/shared.pem", limit: 10) == Array("x".utf8))
        #expect(throws: FileSystem.ReadError.self) { try directory.read("certs/shared.pem", limit: 0) }
    }
}
