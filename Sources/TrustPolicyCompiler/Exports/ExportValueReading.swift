/// Typed reads of export values that turn a value of the wrong kind into a problem at its JSON
/// path (the value is skipped and reading goes on), so one odd field does not lose the whole
/// export. Only broken JSON syntax throws.
extension JSONReader {
    /// A string; `nil` for `null` or (with a problem) any other kind.
    mutating func string(at path: @autoclosure () -> String, log: ExportProblemLog) throws(Failure) -> String? {
        let kind = try peek()
        switch kind {
        case .string: return try string()
        case .null: try skip()
        default: try mismatch(kind, expected: "a string", at: path(), log: log)
        }
        return nil
    }

    /// An integer; `nil` for `null` or (with a problem) any other value.
    mutating func integer(at path: @autoclosure () -> String, log: ExportProblemLog) throws(Failure) -> Int? {
        let kind = try peek()
        guard kind == .number else {
            if kind == .null { try skip() } else { try mismatch(kind, expected: "an integer", at: path(), log: log) }
            return nil
        }
        guard case .integer(let value) = try value() else {
            log.add(path(), "expected an integer, found a fraction")
            return nil
        }
        return value
    }

    /// Walks an object's members; `false` (with a problem, the value skipped) for `null` or any
    /// other kind.
    mutating func members(at path: @autoclosure () -> String, log: ExportProblemLog,
                          _ member: (String, inout JSONReader) throws(Failure) -> Void) throws(Failure) -> Bool {
        guard try expect(.object, "an object", at: path(), log: log) else { return false }
        try object(member)
        return true
    }

    /// Walks an array's elements with their index; `false` (with a problem, the value skipped)
    /// for `null` or any other kind.
    mutating func elements(at path: @autoclosure () -> String, log: ExportProblemLog,
                           _ element: (Int, inout JSONReader) throws(Failure) -> Void) throws(Failure) -> Bool {
        guard try expect(.array, "an array", at: path(), log: log) else { return false }
        var index = 0
        try array { reader throws(Failure) in
            try element(index, &reader)
            index += 1
        }
        return true
    }

    /// Whether the next value is a `kind`; if not, it is skipped and reported.
    private mutating func expect(_ kind: Kind, _ described: String, at path: @autoclosure () -> String,
                                 log: ExportProblemLog) throws(Failure) -> Bool {
        let found = try peek()
        if found != kind { try mismatch(found, expected: described, at: path(), log: log) }
        return found == kind
    }

    /// Skips the value, then reports it: a value that is not even JSON is a syntax error only.
    private mutating func mismatch(_ kind: Kind, expected: String, at path: String, log: ExportProblemLog) throws(Failure) {
        try skip()
        log.add(path, "expected \(expected), found \(kind.described)")
    }
}

extension JSONReader.Kind {
    /// "an object", "null", ... for messages.
    var described: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}
