/// How plans word lists and counts, shared by every kind of change.
enum PlanWording {
    static func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        "\(value) \(value == 1 ? singular : plural)"
    }

    /// `` `a`, `b` `` or "none".
    static func names(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.map { "`\($0)`" }.joined(separator: ", ")
    }

    /// `` `a`, `b` `` or "no identity".
    static func list(_ names: [String]) -> String {
        names.isEmpty ? "no identity" : names.map { "`\($0)`" }.joined(separator: ", ")
    }

    /// The first `limit` items, then "and N more".
    static func abbreviated(_ items: [String], limit: Int = 6) -> String {
        items.count <= limit ? items.joined(separator: ", ")
            : items.prefix(limit).joined(separator: ", ") + " and \(items.count - limit) more"
    }
}
