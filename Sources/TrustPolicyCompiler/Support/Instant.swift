/// A moment in UTC, read from the RFC 3339 times real tools print (`notation inspect`:
/// `2025-01-21T09:17:46Z`, `2025-01-21T17:17:46+08:00`, `2025-01-21T09:17:46.141Z`).
///
/// Parsed by hand, like `CivilDate`, so reading does not depend on the machine's time zone,
/// locale or Foundation's date formatters, and costs nothing next to the JSON around it.
public struct Instant: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z, with the fraction the text had.
    public let secondsSinceEpoch: Double

    public init(secondsSinceEpoch: Double) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// Midnight UTC at the start of `date`: what `--now YYYY-MM-DD` means for a moment.
    public init(startOf date: CivilDate) {
        secondsSinceEpoch = Double(date.daysSinceEpoch) * 86_400
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (`T` and `Z` in either case); `nil`
    /// for anything else or an impossible date or time.
    public init?(rfc3339 text: String) {
        var text = text
        guard let seconds = text.withUTF8(Self.parse) else { return nil }
        secondsSinceEpoch = seconds
    }

    /// The same, from UTF-8 bytes (as a JSON reader hands them over).
    public init?(rfc3339 utf8: UnsafeBufferPointer<UInt8>) {
        guard let seconds = Self.parse(utf8) else { return nil }
        secondsSinceEpoch = seconds
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard bytes.count >= 20, bytes[10] | 0x20 == UInt8(ascii: "t"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? { CivilDate.decimal(bytes, range) }
        guard let date = CivilDate(utf8: UnsafeBufferPointer(rebasing: bytes[0..<10])),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              hour < 24, minute < 60, second < 61 else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let first = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                fraction += Double(bytes[index] - UInt8(ascii: "0")) * scale
                scale /= 10
                index += 1
            }
            guard index > first else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let hours = number(index + 1..<index + 3), let minutes = number(index + 4..<index + 6),
                  hours < 24, minutes < 60 else { return nil }
            offset = (hours * 60 + minutes) * 60 * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        return Double(date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
    }

    /// The UTC date of the moment.
    public var date: CivilDate { CivilDate(secondsSinceEpoch: secondsSinceEpoch) }

    /// RFC 3339 in UTC, whole seconds (`2025-01-21T09:17:46Z`).
    public var description: String {
        let whole = Int(secondsSinceEpoch.rounded(.down))
        let days = Int((Double(whole) / 86_400).rounded(.down))
        let rest = whole - days * 86_400
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(CivilDate(daysSinceEpoch: days))T\(pad(rest / 3600)):\(pad(rest / 60 % 60)):\(pad(rest % 60))Z"
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }
}
