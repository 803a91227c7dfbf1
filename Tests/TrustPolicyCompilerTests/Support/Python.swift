import Foundation
import Testing

/// python3 and the modules the tests use (PyYAML, jsonschema, cryptography, check-jsonschema,
/// pre-commit). They are part of the test suite's setup (`make test` runs
/// scripts/bootstrap.sh, which installs them), so a test that needs a missing one fails with a
/// message saying how to install it; it never skips.
enum Python {
    static let modules = ["yaml", "jsonschema", "referencing", "cryptography", "check_jsonschema", "pre_commit"]

    /// Whether python3 can import each of `modules` (one run for all).
    static let importable: [String: Bool] = {
        let probe = try? ChildRun.run("/usr/bin/env", ["python3", "-c", """
            import importlib, sys
            for name in sys.argv[1:]:
                try:
                    importlib.import_module(name)
                    print(name, "ok")
                except Exception:
                    print(name, "missing")
            """] + modules)
        let lines = Set((probe?.stdout ?? "").split(separator: "\n").map(String.init))
        return Dictionary(uniqueKeysWithValues: modules.map { ($0, lines.contains("\($0) ok")) })
    }()

    /// Fails the test when python3 cannot import one of `modules`.
    static func require(_ modules: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let missing = modules.filter { importable[$0] != true }
        try #require(missing.isEmpty,
                     "python3 cannot import \(missing.joined(separator: ", ")): run scripts/bootstrap.sh (or `make test`), which installs the Python tools the tests use",
                     sourceLocation: sourceLocation)
    }
}
