import Foundation
import Testing
@testable import TrustPolicyCompiler

/// `BundleRenderer.objects(of:model:)`, what `drift` compares, is exactly what `render` writes:
/// for every cluster of the sample and of the fabrikam example, the objects equal the files of
/// its bundle (the kustomization followed into the base, as kustomize does) read back.
@Suite struct ClusterObjectsTests {
    static let directories = [Sample.directory, Golden.packageRoot.appendingPathComponent("examples/fabrikam/policies").path]

    @Test(arguments: directories)
    func objectsAreTheRenderedFiles(directory: String) throws {
        let compilation = try CompilerDriver.compile(directory: directory, options: .init(today: PolicyFixture.today))
        try #require(!compilation.hasErrors)
        let files = Dictionary(uniqueKeysWithValues: BundleRenderer().render(compilation.model).files.map { ($0.path, $0.contents) })
        for cluster in compilation.model.clusters {
            let bundle = BundleLayout.clusterBundle(environment: cluster.environment, region: cluster.region, cluster: cluster.name)
            let objects = BundleRenderer().objects(of: cluster, model: compilation.model)
            #expect(objects.kubernetes == (try Self.kustomize(bundle, files: files)), "\(cluster.name)")
            let assignments = try files.keys.filter { $0.hasPrefix("\(bundle)/azure-policy/") }.sorted().map { path in
                try JSONReader.document(files[path]!)
            }
            #expect(objects.assignments == assignments, "\(cluster.name)")
            #expect(!objects.kubernetes.isEmpty)
        }
    }

    /// The objects kustomize builds from `directory`: its resources in order, directories
    /// followed into their own kustomization.
    static func kustomize(_ directory: String, files: [String: [UInt8]]) throws -> [JSONValue] {
        let kustomization = try #require(files["\(directory)/kustomization.yaml"], "no kustomization in \(directory)")
        let resources = try #require(try Self.yaml(kustomization, file: directory).first?["resources"]?.arrayValue)
        return try resources.flatMap { resource -> [JSONValue] in
            let path = normalized("\(directory)/\(resource.stringValue!)")
            if let contents = files[path] { return try Self.yaml(contents, file: path) }
            return try kustomize(path, files: files)
        }
    }

    static func yaml(_ bytes: [UInt8], file: String) throws -> [JSONValue] {
        let loaded = YAMLLoader().load(bytes, file: file)
        try #require(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.diagnostics)")
        return loaded.documents.map(\.root.json)
    }

    /// `a/b/../../c` → `c`.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == ".." { parts.removeLast() } else if part != "." { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }
}
