/// The files a change adds, removes or modifies in the policy directory: YAML from the
/// compilations (already in memory), certificates and other files read from disk.
enum PolicyFileChanges {
    /// Files larger than `limit` are compared by size only.
    static func changedFiles(base: Compilation, head: Compilation, limit: Int) -> [String] {
        let baseYAML = Dictionary(base.decoded.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        let headYAML = Dictionary(head.decoded.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        var changed = Set<String>()
        for path in Set(baseYAML.keys).union(headYAML.keys) where baseYAML[path] != headYAML[path] {
            changed.insert(path)
        }
        var ignored = DiagnosticCollector()
        let isOther: @Sendable (String) -> Bool = { !$0.isYAMLFileName }
        func others(_ directory: PolicyDirectory?) -> [String: PolicyDirectory.Entry] {
            Dictionary((directory?.walk(isOther, diagnostics: &ignored) ?? []).map { ($0.relative, $0) },
                       uniquingKeysWith: { first, _ in first })
        }
        let baseOther = others(base.directory), headOther = others(head.directory)
        for path in Set(baseOther.keys).union(headOther.keys) {
            guard let old = baseOther[path], let new = headOther[path] else {
                changed.insert(path)
                continue
            }
            if old.size != new.size
                || (try? FileSystem.readFile(old.absolute, limit: limit)) != (try? FileSystem.readFile(new.absolute, limit: limit)) {
                changed.insert(path)
            }
        }
        return changed.sorted()
    }
}
