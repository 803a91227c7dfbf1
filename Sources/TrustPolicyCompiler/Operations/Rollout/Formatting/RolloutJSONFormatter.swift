/// The report as JSON, in the shape issue 11 fixes for tools:
/// `{"namespaces":[{"cluster", "namespace", "verdict", "daysRemaining", "images":[{"image", "team"}]}]}`.
/// `daysRemaining` is `RolloutEntry.daysRemaining` (`null` for `denied` and `not-enforced`);
/// `team` is `null` when no team owns the image's repository.
///
/// Written straight into bytes, in exactly the layout `JSONValue.serialized()` gives the same
/// document (two-space indentation, strings escaped by `JSONValue.writeString`), without
/// building the document first: a report lists every warn-stage namespace of every cluster,
/// tens of thousands in a large organisation.
struct RolloutJSONFormatter {
    func render(_ report: RolloutReport) -> String {
        guard !report.entries.isEmpty else { return "{\n  \"namespaces\": []\n}\n" }
        var output: [UInt8] = []
        output.reserveCapacity(64 + report.entries.count * 192)
        output += Array("{\n  \"namespaces\": [".utf8)
        for (index, entry) in report.entries.enumerated() {
            output += Array(index == 0 ? "\n    {".utf8 : ",\n    {".utf8)
            string("cluster", entry.cluster, indent: 6, to: &output)
            output.append(UInt8(ascii: ","))
            string("namespace", entry.namespace, indent: 6, to: &output)
            output.append(UInt8(ascii: ","))
            string("verdict", entry.verdict.rawValue, indent: 6, to: &output)
            output.append(UInt8(ascii: ","))
            key("daysRemaining", indent: 6, to: &output)
            output += Array((entry.daysRemaining.map(String.init) ?? "null").utf8)
            output.append(UInt8(ascii: ","))
            key("images", indent: 6, to: &output)
            if entry.images.isEmpty {
                output += Array("[]".utf8)
            } else {
                output.append(UInt8(ascii: "["))
                for (number, image) in entry.images.enumerated() {
                    output += Array(number == 0 ? "\n        {".utf8 : ",\n        {".utf8)
                    string("image", image.image, indent: 10, to: &output)
                    output.append(UInt8(ascii: ","))
                    key("team", indent: 10, to: &output)
                    if let team = image.team { JSONValue.writeString(team, to: &output) } else { output += Array("null".utf8) }
                    output += Array("\n        }".utf8)
                }
                output += Array("\n      ]".utf8)
            }
            output += Array("\n    }".utf8)
        }
        output += Array("\n  ]\n}\n".utf8)
        return String(decoding: output, as: UTF8.self)
    }

    /// A new line, `indent` spaces and `"name": `.
    private func key(_ name: String, indent: Int, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
        JSONValue.writeString(name, to: &output)
        output += [UInt8(ascii: ":"), UInt8(ascii: " ")]
    }

    private func string(_ name: String, _ value: String, indent: Int, to output: inout [UInt8]) {
        key(name, indent: indent, to: &output)
        JSONValue.writeString(value, to: &output)
    }
}
