import Testing
@testable import TrustPolicyCompiler

/// `CivilDate(parsing:)` reads exactly `YYYY-MM-DD` and only real dates.
@Suite struct CivilDateParsingTests {
    @Test(arguments: [
        ("2026-03-31", 2026, 3, 31), ("2024-02-29", 2024, 2, 29), ("0001-01-01", 1, 1, 1), ("9999-12-31", 9999, 12, 31),
    ])
    func readsRealDates(text: String, year: Int, month: Int, day: Int) throws {
        let date = try #require(CivilDate(parsing: text))
        #expect(date == CivilDate(year: year, month: month, day: day))
        #expect(date.description == text)
    }

    @Test(arguments: [
        "", "2026-3-31", "2026-03-31 ", " 2026-03-31", "2026/03/31", "2026-13-01", "2026-00-10", "2025-02-29",
        "2026-04-31", "0000-01-01", "2026-0a-01", "+026-03-31", "2026-03-3١", "２026-03-31", "2026-03-31Z",
        "2026−03−31", "20260331xx",
    ])
    func rejectsAnythingElse(text: String) {
        #expect(CivilDate(parsing: text) == nil)
    }
}
