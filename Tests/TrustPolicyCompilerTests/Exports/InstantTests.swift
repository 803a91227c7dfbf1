import Testing
@testable import TrustPolicyCompiler

/// RFC 3339 times as notation prints them: whole seconds (1.x), fractions (2), any offset.
@Suite struct InstantTests {
    @Test(arguments: [
        ("2025-01-21T09:17:46Z", 1_737_451_066.0),
        ("2025-01-21t09:17:46z", 1_737_451_066.0),
        ("2025-01-21T17:17:46+08:00", 1_737_451_066.0),
        ("2025-01-21T04:17:46-05:00", 1_737_451_066.0),
        ("2025-01-21T09:17:46.141Z", 1_737_451_066.141),
        ("1970-01-01T00:00:00Z", 0.0),
    ])
    func parses(text: String, seconds: Double) throws {
        let instant = try #require(Instant(rfc3339: text))
        #expect(abs(instant.secondsSinceEpoch - seconds) < 0.0005)
        #expect(instant.description == "2025-01-21T09:17:46Z" || seconds == 0)
    }

    @Test(arguments: ["", "2025-01-21", "2025-01-21T09:17:46", "2025-02-30T00:00:00Z", "2025-01-21T24:00:00Z",
                      "2025-01-21T09:17:46.Z", "2025-01-21T09:17:46+0800", "2025-01-21 09:17:46Z", "2025-01-21T09:17:46Zz"])
    func refuses(text: String) {
        #expect(Instant(rfc3339: text) == nil)
    }

    @Test func comparesAndDates() throws {
        let start = Instant(startOf: CivilDate(year: 2026, month: 11, day: 25)!)
        #expect(start.description == "2026-11-25T00:00:00Z")
        #expect(try #require(Instant(rfc3339: "2026-11-24T23:59:59Z")) < start)
        #expect(try #require(Instant(rfc3339: "2026-11-25T23:59:59+01:00")).date == CivilDate(year: 2026, month: 11, day: 25))
    }
}
