#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TrustPolicyCompiler

/// Whether standard output is a colour terminal (and `NO_COLOR` is unset).
enum Terminal {
    static var isColor: Bool {
        isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil && String(cString: getenv("TERM") ?? strdup("dumb")) != "dumb"
    }
}

/// Today's date in UTC, from the system clock.
enum Clock {
    static var today: CivilDate {
        CivilDate(secondsSinceEpoch: Double(time(nil)))
    }
}
