import Testing
@testable import TrustPolicyCompiler

/// Image references as pod specs and tools write them, and whose they are in the sample.
@Suite struct ImageReferenceTests {
    @Test(arguments: [
        ("contosoprod.azurecr.io/payments/api:1.4.2", "contosoprod.azurecr.io", "payments/api", "1.4.2", nil),
        ("contosoprod.azurecr.io/payments/api@sha256:" + String(repeating: "ab", count: 32), "contosoprod.azurecr.io", "payments/api",
         nil, "sha256:" + String(repeating: "ab", count: 32)),
        ("localhost:5000/a/b:v1@sha256:" + String(repeating: "0", count: 64), "localhost:5000", "a/b", "v1",
         "sha256:" + String(repeating: "0", count: 64)),
        ("Registry.Example.COM/team/app", "registry.example.com", "team/app", nil, nil),
        ("nginx", "docker.io", "library/nginx", nil, nil),
        ("library/nginx:1.27", "docker.io", "library/nginx", "1.27", nil),
    ] as [(String, String, String, String?, String?)])
    func parses(text: String, host: String, repository: String, tag: String?, digest: String?) throws {
        let reference = try ImageReference(parsing: text)
        #expect(reference.host == host)
        #expect(reference.repository == repository)
        #expect(reference.tag == tag)
        #expect(reference.digest == digest)
        #expect(reference.scope == "\(host)/\(repository)")
    }

    @Test(arguments: [
        ("", ImageReference.Failure.empty),
        ("a.io/x@sha256:abc", .invalidDigest("sha256:abc")),
        ("a.io/x@md5:" + String(repeating: "0", count: 64), .invalidDigest("md5:" + String(repeating: "0", count: 64))),
        ("a.io/x:-bad", .invalidTag("-bad")),
        ("a.io/Upper/Case", .invalidRepository("Upper/Case")),
        ("a.io//x", .invalidRepository("/x")),
    ])
    func refuses(text: String, failure: ImageReference.Failure) {
        #expect(throws: failure) { _ = try ImageReference(parsing: text) }
    }

    @Test func ownersInTheSample() throws {
        let model = try Sample.compile().model
        let owner = model.ownership.owner(of: try ImageReference(parsing: "contosoprod.azurecr.io/payments/api:1"))
        #expect(owner.registry?.name == "contosoprod")
        #expect(owner.team == "payments")
        // search does not deploy to production: nobody owns search/indexer in contosoprod.
        let unowned = model.ownership.owner(of: try ImageReference(parsing: "contosoprod.azurecr.io/search/indexer:1"))
        #expect(unowned.registry?.name == "contosoprod" && unowned.team == nil)
        let foreign = model.ownership.owner(of: try ImageReference(parsing: "docker.io/library/nginx"))
        #expect(foreign.registry == nil && foreign.team == nil)
        #expect(model.cluster(named: "aks-prod-weu-1")?.region == "westeurope")
    }
}
