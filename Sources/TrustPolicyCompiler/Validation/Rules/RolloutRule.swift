/// Namespaces move off → warn → deny safely: deny needs `warnSince` (TP600) and the minimum warn
/// period (TP601), `warnSince` belongs to deny only (TP603) and precedes `since` (TP607), no
/// date is in the future (TP602), and the built-in definition cannot deny (TP604).
struct RolloutRule: ValidationRule {
    static let codes: [DiagnosticCode] = [.denyWithoutWarnSince, .denyBeforeMinimumWarnPeriod, .warnSinceOnNonDeny,
                                          .warnSinceAfterSince, .dateInFuture, .denyWithBuiltinEnforcement]

    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector) {
        let source = context.decoded
        let builtin = source.organization?.enforcement.value == .builtin
        for name in source.clusterNames {
            guard let cluster = source.clusters[name] else { continue }
            let minimum = source.environments[cluster.environment.value]?.minimumWarnDays.value ?? Environment.defaultMinimumWarnDays
            // By index: binding each namespace would copy (retain) every field of it.
            let namespaces = cluster.namespaces
            for index in namespaces.indices {
                var label: String { "namespace `\(namespaces[index].name.value)` of `\(name)`" }
                func checkNotInFuture(_ date: Located<CivilDate>?) {
                    guard let date, date.value > context.today else { return }
                    diagnostics.emit(.dateInFuture, "\(date.value) is in the future (today is \(context.today))",
                                     at: date.location, fix: "record the date the stage actually changed")
                }
                checkNotInFuture(namespaces[index].since)
                checkNotInFuture(namespaces[index].warnSince)
                guard namespaces[index].stage.value == .deny else {
                    if let warnSince = namespaces[index].warnSince {
                        diagnostics.emit(.warnSinceOnNonDeny,
                                         "`warnSince` is only for deny; \(label) is in `\(namespaces[index].stage.value.rawValue)`",
                                         at: warnSince.location,
                                         fix: namespaces[index].stage.value == .warn ? "the date it entered warn is `since`; remove `warnSince`" : "remove `warnSince`")
                    }
                    continue
                }
                if builtin {
                    diagnostics.emit(.denyWithBuiltinEnforcement,
                                     "\(label) is in `deny`, but `enforcement: builtin` uses Azure's built-in definition, which can only audit",
                                     at: namespaces[index].stage.location,
                                     fix: "set the organisation's `enforcement: custom`, or keep the namespace in `warn`")
                }
                guard let warnSince = namespaces[index].warnSince else {
                    diagnostics.emit(.denyWithoutWarnSince, "\(label) is in `deny` without `warnSince`: when did it enter warn?",
                                     at: namespaces[index].stage.location,
                                     fix: "add `warnSince: YYYY-MM-DD`, the date it entered warn")
                    continue
                }
                let warned = warnSince.value.days(until: namespaces[index].since.value)
                if warned < 0 {
                    diagnostics.emit(.warnSinceAfterSince, "`warnSince` (\(warnSince.value)) is after `since` (\(namespaces[index].since.value))",
                                     at: warnSince.location, fix: "a namespace enters warn before it denies")
                } else if warned < minimum {
                    let earliest = warnSince.value.adding(days: minimum)
                    diagnostics.emit(.denyBeforeMinimumWarnPeriod,
                                     "\(label) denies after \(warned) day\(warned == 1 ? "" : "s") in warn; `\(cluster.environment.value)` requires at least \(minimum)",
                                     at: namespaces[index].since.location,
                                     fix: "keep it in `warn` until \(earliest) and check its compliance report first")
                }
            }
        }
    }
}
