import Testing
@testable import TrustPolicyCompiler

/// `notation inspect -o json` as notation 1.x and 2 print it (the documents are notation's own
/// end-to-end expectations, and their 1.x rendering), and every way a document can be broken.
@Suite struct NotationInspectionTests {
    /// notation 1.3 (derived from cmd/notation/inspect.go): `Signatures`, 4-space indent,
    /// per-signature `mediaType`, a second-precision timestamp range; then the warning line
    /// notation 1.x prints after the JSON.
    static let version1 = """
    {
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "Signatures": [
            {
                "mediaType": "application/jose+json",
                "digest": "sha256:6a5cd3a886707a317935dcaf13954fc80ef9aeb665262b6ae4fe469ad7ea3aea",
                "signatureAlgorithm": "RSASSA-PSS-SHA-256",
                "signedAttributes": {
                    "expiry": "2025-01-21T12:39:46Z",
                    "signingScheme": "notary.x509",
                    "signingTime": "2025-01-21T17:17:46+08:00"
                },
                "userDefinedAttributes": null,
                "unsignedAttributes": {
                    "signingAgent": "notation-go/1.3.0+unreleased",
                    "timestampSignature": {
                        "timestamp": "[2025-01-21T09:17:46Z, 2025-01-21T09:17:47Z]",
                        "certificates": [
                            {
                                "SHA256Fingerprint": "36e731cfa9bfd69dafb643809f6dec500902f7197daeaad86ea0159a2268a2b8",
                                "issuedTo": "CN=Microsoft Public RSA Timestamping CA 2020,O=Microsoft Corporation,C=US",
                                "issuedBy": "CN=Microsoft Identity Verification Root Certificate Authority 2020,O=Microsoft Corporation,C=US",
                                "expiry": "2035-11-19T20:42:31Z"
                            }
                        ]
                    }
                },
                "certificates": [
                    {
                        "SHA256Fingerprint": "1717FA9D18F7E9C0F609499474ADFE2B8E44172454F1D6E2183D5D04F79AF475",
                        "issuedTo": "CN=testcert7,O=Notary,L=Seattle,ST=WA,C=US",
                        "issuedBy": "CN=testcert7,O=Notary,L=Seattle,ST=WA,C=US",
                        "expiry": "2025-01-22T08:36:26Z"
                    }
                ],
                "signedArtifact": {
                    "mediaType": "application/vnd.oci.image.manifest.v1+json",
                    "digest": "sha256:53b0191218aed9a3c1f7c661736ac40cfc8eb928642348fd843ba3f0483c0c20",
                    "size": 582
                }
            }
        ]
    }
    Warning: exceeded configured limit of max signatures 100 to examine

    """

    /// notation 2 (test/e2e/suite/command/inspect.go): `signatures`, `signatureEnvelopeType`,
    /// `contentType`, nanosecond times; the timestamp countersignature could not be parsed.
    static let version2 = """
    {
      "mediaType": "application/vnd.oci.image.manifest.v1+json",
      "signatures": [
        {
          "digest": "sha256:eee3eec7d2947f77713484753bea67879ff62c08a73a49a41151ed18c4d1c000",
          "signatureAlgorithm": "RSASSA-PSS-SHA-256",
          "signatureEnvelopeType": "application/jose+json",
          "signedAttributes": {
            "contentType": "application/vnd.cncf.notary.payload.v1+json",
            "signingScheme": "notary.x509",
            "signingTime": "2025-01-21T08:41:17.141Z"
          },
          "userDefinedAttributes": {
            "purpose": "e2e"
          },
          "unsignedAttributes": {
            "signingAgent": "notation-go/1.3.0+unreleased",
            "timestampSignature": {
              "error": "failed to parse timestamp countersignature: cms: syntax error"
            }
          },
          "certificates": [
            {
              "SHA256Fingerprint": "1717fa9d18f7e9c0f609499474adfe2b8e44172454f1d6e2183d5d04f79af475",
              "issuedTo": "CN=testcert7,O=Notary,L=Seattle,ST=WA,C=US",
              "issuedBy": "CN=testcert7,O=Notary,L=Seattle,ST=WA,C=US",
              "expiry": "2025-01-22T08:36:26Z"
            }
          ],
          "signedArtifact": {
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": "sha256:f1da8cd70d6d851fa2313c8d6618f79508cf1e86877edf1c0bfe49a1b0a6467a",
            "size": 582
          }
        }
      ]
    }
    """

    static func read(_ text: String, detail: NotationInspection.Detail = .full) throws(NotationInspection.Failure) -> NotationInspection {
        try NotationInspection.read(Array(text.utf8), detail: detail)
    }

    @Test func readsNotation1() throws {
        let inspection = try Self.read(Self.version1)
        #expect(inspection.reference == nil)
        let signature = try #require(inspection.signatures.first)
        #expect(signature.path == "$.Signatures[0]")
        #expect(signature.envelopeType == "application/jose+json")
        #expect(signature.signingScheme == .x509)
        #expect(signature.signatureAlgorithm == "RSASSA-PSS-SHA-256")
        // +08:00 is eight hours ahead of UTC.
        #expect(signature.signingTime == Instant(rfc3339: "2025-01-21T09:17:46Z"))
        #expect(signature.expiry == Instant(rfc3339: "2025-01-21T12:39:46Z"))
        #expect(signature.signingAgent == "notation-go/1.3.0+unreleased")
        #expect(signature.signedArtifactDigest == "sha256:53b0191218aed9a3c1f7c661736ac40cfc8eb928642348fd843ba3f0483c0c20")
        // Fingerprints are compared lowercase, whatever the case printed.
        #expect(signature.leaf.sha256Fingerprint == "1717fa9d18f7e9c0f609499474adfe2b8e44172454f1d6e2183d5d04f79af475")
        #expect(signature.leaf.issuedTo == "CN=testcert7,O=Notary,L=Seattle,ST=WA,C=US")
        #expect(signature.leaf.expiry.description == "2025-01-22T08:36:26Z")
        let timestamp = try #require(signature.timestamp)
        #expect(timestamp.earliest?.description == "2025-01-21T09:17:46Z")
        #expect(timestamp.latest?.description == "2025-01-21T09:17:47Z")
        #expect(timestamp.certificates.map(\.sha256Fingerprint) == ["36e731cfa9bfd69dafb643809f6dec500902f7197daeaad86ea0159a2268a2b8"])
        #expect(timestamp.error == nil)
    }

    @Test func readsNotation2() throws {
        let signature = try #require(try Self.read(Self.version2).signatures.first)
        #expect(signature.path == "$.signatures[0]")
        #expect(signature.envelopeType == "application/jose+json")
        #expect(signature.signingTime?.secondsSinceEpoch == Instant(rfc3339: "2025-01-21T08:41:17Z")!.secondsSinceEpoch + 0.141)
        let timestamp = try #require(signature.timestamp)
        #expect(timestamp.latest == nil)
        #expect(timestamp.error == "failed to parse timestamp countersignature: cms: syntax error")
    }

    @Test(arguments: [
        #"{"mediaType":"application/vnd.oci.image.manifest.v1+json","signatures":[]}"#,
        "{\n    \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",\n    \"Signatures\": []\n}\n",
        #"{"mediaType":null,"Signatures":null}"#,
    ])
    func readsUnsignedImages(text: String) throws {
        #expect(try Self.read(text).signatures.isEmpty)
    }

    @Test func acceptsNullMapsAndUnknownMembers() throws {
        let text = #"{"Signatures":[{"signedAttributes":{"signingScheme":"notary.x509.signingAuthority","io.cncf.notary.verificationPlugin":"x"},"userDefinedAttributes":null,"unsignedAttributes":null,"signedArtifact":null,"extra":[1,{"a":true}],"certificates":[{"SHA256Fingerprint":"\#(String(repeating: "a", count: 64))","issuedTo":"CN=a,O=b,ST=c,C=d","issuedBy":"CN=a,O=b,ST=c,C=d","expiry":"2030-01-01T00:00:00-05:00"}]}],"reference":"r.io/a@sha256:\#(String(repeating: "0", count: 64))"}"#
        let inspection = try Self.read(text)
        let signature = try #require(inspection.signatures.first)
        #expect(signature.signingScheme == .signingAuthority)
        #expect(signature.timestamp == nil && signature.signingAgent == nil && signature.signedArtifactDigest == nil)
        #expect(signature.leaf.expiry.description == "2030-01-01T05:00:00Z")
        #expect(inspection.reference == "r.io/a@sha256:" + String(repeating: "0", count: 64))
        #expect(NotationInspection.SigningScheme("notary.default.x509") == .other("notary.default.x509"))
    }

    @Test func signersDetailSkipsWhatIdentifyingSignersDoesNotNeed() throws {
        let signature = try #require(try Self.read(Self.version1, detail: .signers).signatures.first)
        #expect(signature.leaf.issuedTo == "CN=testcert7,O=Notary,L=Seattle,ST=WA,C=US")
        #expect(signature.leaf.issuedBy.isEmpty)
        #expect(signature.timestamp == nil && signature.envelopeType == nil && signature.signingTime == nil)
        #expect(signature.signingScheme == .x509 && signature.expiry != nil)
    }

    /// (document, JSON path, line, column, words of the message)
    @Test(arguments: [
        ("not json", "$", 1, 1, "expected an object"),
        ("[]", "$", 1, 1, "expected an object"),
        ("{\"Signatures\":[]", "$", 1, 17, "unexpected end of input"),
        (#"{"mediaType":"m"}"#, "$", 1, 1, "no `Signatures`"),
        (#"{"Signatures":[],"signatures":[]}"#, "$", 1, 31, "both `Signatures` and `signatures`"),
        (#"{"Signatures":{}}"#, "$.Signatures", 1, 15, "expected an array"),
        (#"{"Signatures":[{"signedAttributes":{"signingScheme":"notary.x509"},"certificates":[]}]}"#,
         "$.Signatures[0]", 1, 16, "without certificates"),
        (#"{"signatures":[{"signedAttributes":{"signingScheme":"notary.x509"}}]}"#, "$.signatures[0]", 1, 16, "without certificates"),
        (#"{"Signatures":[{"certificates":null,"signedAttributes":{"signingScheme":"notary.x509"}}]}"#, "$.Signatures[0]", 1, 16,
         "without certificates"),
        (#"{"Signatures":[{"certificates":[]}]}"#, "$.Signatures[0]", 1, 16, "signingScheme"),
        (#"{"Signatures":[{"signedAttributes":{"signingScheme":"notary.x509"},"certificates":[{"SHA256Fingerprint":"xyz"}]}]}"#,
         "$.Signatures[0].certificates[0].SHA256Fingerprint", 1, 105, "not a SHA-256 fingerprint"),
        (#"{"Signatures":[{"signedAttributes":{"signingScheme":"notary.x509","signingTime":"yesterday"},"certificates":[]}]}"#,
         "$.Signatures[0].signedAttributes.signingTime", 1, 81, "not an RFC 3339 time"),
        (#"{"Signatures":[{"unsignedAttributes":{"timestampSignature":{"timestamp":"soon"}}}]}"#,
         "$.Signatures[0].unsignedAttributes.timestampSignature.timestamp", 1, 73, "not a timestamp range"),
        (#"{"Signatures":[{"signedAttributes":{"signingScheme":"notary.x509"},"certificates":[{"issuedTo":"CN=x"}]}]}"#,
         "$.Signatures[0].certificates[0]", 1, 84, "without `SHA256Fingerprint`"),
        (#"{"Signatures":[{"signedAttributes":{"signingScheme":7}}]}"#, "$.Signatures[0].signedAttributes.signingScheme", 1, 53,
         "expected a string"),
        (#"{"Signatures":[{"certificates":[{"expiry":"2025-01-01T00:00:00Z""#, "$.Signatures[0].certificates[0]", 1, 65,
         "unexpected end of input"),
        (#"{"Signatures":[]} trailing"#, "$", 1, 19, "after the value"),
    ] as [(String, String, Int, Int, String)])
    func locatesEveryProblem(text: String, path: String, line: Int, column: Int, message: String) {
        do {
            _ = try Self.read(text)
            Issue.record("`\(text)` was read")
        } catch {
            #expect(error.path == path, "\(error)")
            #expect(error.line == line && error.column == column, "\(error) at \(error.line):\(error.column)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test func readsOneLineOfABlock() throws {
        let block = Array("{\"Signatures\":[]}\n{\"Signatures\":[] x\n".utf8)
        #expect(try NotationInspection.read(block, in: 0..<17).signatures.isEmpty)
        #expect(throws: NotationInspection.Failure.self) { try NotationInspection.read(block, in: 18..<38) }
        do {
            _ = try NotationInspection.read(block, in: 18..<37)
        } catch {
            // Columns count from the start of the line, not of the block.
            #expect(error.line == 1 && error.column == 18)
        }
    }
}
