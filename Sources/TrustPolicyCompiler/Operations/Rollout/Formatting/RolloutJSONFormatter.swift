/// The report as JSON, in the shape issue 11 fixes for tools:
/// `{"namespaces":[{"cluster", "namespace", "verdict", "daysRemaining", "images":[{"image", "team"}]}]}`.
/// `daysRemaining` is `RolloutEntry.daysRemaining` (`null` for `denied` and `not-enforced`);
/// `team` is `null` when no team owns the image's repository.
struct RolloutJSONFormatter {
    func render(_ report: RolloutReport) -> String {
        JSONValue.object([
            "namespaces": .array(report.entries.map { entry in
                .object([
                    "cluster": .string(entry.cluster),
                    "namespace": .string(entry.namespace),
                    "verdict": .string(entry.verdict.rawValue),
                    "daysRemaining": entry.daysRemaining.map(JSONValue.integer) ?? .null,
                    "images": .array(entry.images.map { image in
                        .object(["image": .string(image.image), "team": image.team.map(JSONValue.string) ?? .null])
                    }),
                ])
            }),
        ]).serialized()
    }
}
