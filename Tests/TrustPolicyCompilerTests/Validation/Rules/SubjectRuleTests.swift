import Testing
@testable import TrustPolicyCompiler

@Suite struct SubjectRuleTests {
    static func subject(_ text: String) -> [String: String?] {
        PolicyFixture.edit("identities/prod-build.yaml", [
            "subject: \"C=US, ST=WA, O=Contoso, OU=Build, CN=prod-build\"": "subject: 1️⃣\"\(text)\"",
        ])
    }

    static let cases: [PolicyCase] = [
        PolicyCase("subject that is not a distinguished name", subject("C=US, ST=WA, O=Contoso, CN"),
                   expect: [(.malformedDistinguishedName, "1️⃣")]),
        PolicyCase("subject without O", subject("C=US, ST=WA, CN=prod-build"),
                   expect: [(.missingSubjectAttribute, "1️⃣")], mentions: ["no `O` attribute"]),
        PolicyCase("subject with a repeated attribute (S counts as ST)", subject("C=US, ST=WA, S=Oregon, O=Contoso"),
                   expect: [(.duplicateSubjectAttribute, "1️⃣")]),
        PolicyCase("subject with a multi-valued RDN", subject("C=US, ST=WA, O=Contoso, OU=Build+CN=prod-build"),
                   expect: [(.multiValuedRDN, "1️⃣")]),
        PolicyCase("subject with a hex-encoded value", subject("C=US, ST=WA, O=Contoso, CN=#0403616263"),
                   expect: [(.unsupportedHexValue, "1️⃣")]),
        PolicyCase("plain subject is located at its first character", PolicyFixture.edit("identities/prod-build.yaml", [
            "subject: \"C=US, ST=WA, O=Contoso, OU=Build, CN=prod-build\"": "subject: 1️⃣C=US, O=Contoso",
        ]), expect: [(.missingSubjectAttribute, "1️⃣")]),
    ]

    @Test(arguments: cases) func reports(_ example: PolicyCase) throws {
        try example.check()
    }
}
