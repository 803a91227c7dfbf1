/// Namespaces move off → warn → deny safely: deny needs `warnSince` (TP600) and the minimum warn
/// period (TP601), `warnSince` belongs to deny only (TP603) and precedes `since` (TP607), no
/// date is in the future (TP602), and the built-in definition cannot deny (TP604).
struct RolloutRule: ValidationRule {
    static let codes: [DiagnosticCode] = [.denyWithoutWarnSince, .denyBeforeMinimumWarnPeriod, .warnSinceOnNonDeny,
                                          .warnSinceAfterSince, .dateInFuture, .denyWithBuiltinEnforcement]

    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector) {
        let source = context.source
        let builtin = source.organization?.enforcement.value == .builtin
        for name in source.clusterNames {
            guard let cluster = source.clusters[name] else { continue }
            let minimum = source.environments[cluster.environment.value]?.minimumWarnDays.value ?? Environment.defaultMinimumWarnDays
            for namespace in cluster.namespaces {
                var label: String { "namespace `\(namespace.name.value)` of `\(name)`" }
                func checkNotInFuture(_ date: Located<CivilDate>?) {
                    guard let date, date.value > context.today else { return }
                    diagnostics.emit(.dateInFuture, "\(date.value) is in the future (today is \(context.today))",
                                     at: date.location, fix: "record the date the stage actually changed")
                }
                checkNotInFuture(namespace.since)
                checkNotInFuture(namespace.warnSince)
                guard namespace.stage.value == .deny else {
                    if let warnSince = namespace.warnSince {
                        diagnostics.emit(.warnSinceOnNonDeny,
                                         "`warnSince` is only for deny; \(label) is in `\(namespace.stage.value.rawValue)`",
                                         at: warnSince.location,
                                         fix: namespace.stage.value == .warn ? "the date it entered warn is `since`; remove `warnSince`" : "remove `warnSince`")
                    }
                    continue
                }
                if builtin {
                    diagnostics.emit(.denyWithBuiltinEnforcement,
                                     "\(label) is in `deny`, but `enforcement: builtin` uses Azure's built-in definition, which can only audit",
                                     at: namespace.stage.location,
                                     fix: "set the organisation's `enforcement: custom`, or keep the namespace in `warn`")
                }
                guard let warnSince = namespace.warnSince else {
                    diagnostics.emit(.denyWithoutWarnSince, "\(label) is in `deny` without `warnSince`: when did it enter warn?",
                                     at: namespace.stage.location,
                                     fix: "add `warnSince: YYYY-MM-DD`, the date it entered warn")
                    continue
                }
                let warned = warnSince.value.days(until: namespace.since.value)
                if warned < 0 {
                    diagnostics.emit(.warnSinceAfterSince, "`warnSince` (\(warnSince.value)) is after `since` (\(namespace.since.value))",
                                     at: warnSince.location, fix: "a namespace enters warn before it denies")
                } else if warned < minimum {
                    let earliest = warnSince.value.adding(days: minimum)
                    diagnostics.emit(.denyBeforeMinimumWarnPeriod,
                                     "\(label) denies after \(warned) day\(warned == 1 ? "" : "s") in warn; `\(cluster.environment.value)` requires at least \(minimum)",
                                     at: namespace.since.location,
                                     fix: "keep it in `warn` until \(earliest) and check its compliance report first")
                }
            }
        }
    }
}
