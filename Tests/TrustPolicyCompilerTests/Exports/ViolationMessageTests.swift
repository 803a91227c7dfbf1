import Testing
@testable import TrustPolicyCompiler

/// The image in each violation message the Ratify and Azure templates write, and never a wrong
/// one: a message cut inside the image, or one that names none, is said to be so.
@Suite struct ViolationMessageTests {
    private let image = "contosoprod.azurecr.io/payments/api:1.4.2"

    @Test func ratifyFromVersionOneThree() {
        let message = "Time=2026-11-20T05:58:12.118273645Z, failed to verify the artifact: \(image), trace-id: 1f6c3a1e-0c0d-4b8e-9a57-2f3d1c9e8b7a"
        #expect(ViolationMessage(parsing: message) == .image(image))
    }

    @Test func ratifyMultiTenancyKeyCarriesTheNamespace() {
        let message = "Time=2026-11-20T05:58:12Z, failed to verify the artifact: [payments]\(image), trace-id: abc"
        #expect(ViolationMessage(parsing: message) == .image(image))
    }

    @Test func ratifyBeforeVersionOneThree() {
        #expect(ViolationMessage(parsing: "Failed to verify the artifact: \(image)") == .image(image))
        #expect(ViolationMessage(parsing: "Subject failed verification: \(image)") == .image(image))
        #expect(ViolationMessage(parsing: "Subject failed verification: [team-a]\(image)") == .image(image))
    }

    @Test func admissionWebhookPrefixIsAccepted() {
        let message = "[azurepolicy-ratifyverification-077bac5b63d37da0bc4a] Subject failed verification: \(image)"
        #expect(ViolationMessage(parsing: message) == .image(image))
    }

    @Test func builtInAllowedImages() {
        let message = "Container image docker.io/library/nginx:1.27 for container web has not been allowed."
        #expect(ViolationMessage(parsing: message) == .image("docker.io/library/nginx:1.27"))
    }

    @Test func verifierErrorsNameNoImage() {
        #expect(ViolationMessage(parsing: "System error calling external data provider: timeout") == .verifierError)
        #expect(ViolationMessage(parsing: #"Error validating one or more images: ["\#(image)", "ORAS_FAILURE"]"#) == .verifierError)
    }

    @Test func otherMessagesAreUnrecognised() {
        #expect(ViolationMessage(parsing: "you must provide labels: {\"gatekeeper\"}") == .unrecognised)
        #expect(ViolationMessage(parsing: "Failed to verify the artifact: ") == .unrecognised)
        #expect(ViolationMessage(parsing: "Container image busybox has not been allowed.") == .unrecognised)
    }

    /// Gatekeeper keeps 253 bytes and appends `...`: a cut inside the image is never taken for
    /// a (shorter) image, a cut after it loses only the trace id.
    @Test func truncationAtTwoHundredFiftySixBytes() {
        let prefix = "Time=2026-11-20T05:58:12.118273645Z, failed to verify the artifact: [data-pipelines]"
        let long = "contosoprod.azurecr.io/data/etl:" + String(repeating: "a", count: 120) + "@sha256:" + String(repeating: "9", count: 64)
        let full = prefix + long + ", trace-id: 1f6c3a1e"
        let cut = String(full.utf8.prefix(253))! + "..."
        #expect(cut.utf8.count == 256)
        #expect(ViolationMessage(parsing: cut) == .truncated)

        let short = prefix + image + ", trace-id: " + String(repeating: "f", count: 200)
        let cutAfterImage = String(short.utf8.prefix(253))! + "..."
        #expect(ViolationMessage(parsing: cutAfterImage) == .image(image))

        let allowed = "Container image " + String(repeating: "x", count: 260)
        #expect(ViolationMessage(parsing: String(allowed.utf8.prefix(253))! + "...") == .truncated)
    }

    /// A short message that happens to end with `...` is not a cut one.
    @Test func shortMessageEndingInDotsIsNotTruncated() {
        #expect(ViolationMessage(parsing: "Subject failed verification: registry.example.com/app:v1...") == .image("registry.example.com/app:v1..."))
    }
}
