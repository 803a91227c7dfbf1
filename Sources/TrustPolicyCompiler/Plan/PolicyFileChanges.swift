/// The files a change adds, removes or modifies in the policy directory: YAML from the
/// compilations (already in memory), certificates and other files read from disk.
enum PolicyFileChanges {
    static func changedFiles(base: Compilation, head: Compilation) -> [String] {
        let baseYAML = Dictionary(base.source.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        let headYAML = Dictionary(head.source.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        var changed = Set<String>()
        for path in Set(baseYAML.keys).union(headYAML.keys) where baseYAML[path] != headYAML[path] {
            changed.insert(path)
        }
        var ignored = DiagnosticCollector()
        let isOther: @Sendable (String) -> Bool = { !$0.isYAMLFileName }
        let baseOther = Dictionary(base.directory.walk(isOther, diagnostics: &ignored).map { ($0.relative, $0) },
                                   uniquingKeysWith: { first, _ in first })
        let headOther = Dictionary(head.directory.walk(isOther, diagnostics: &ignored).map { ($0.relative, $0) },
                                   uniquingKeysWith: { first, _ in first })
        for path in Set(baseOther.keys).union(headOther.keys) {
            guard let old = baseOther[path], let new = headOther[path] else {
                changed.insert(path)
                continue
            }
            let limit = CertificateFiles.maxFileBytes
            if old.size != new.size
                || (try? FileSystem.readFile(old.absolute, limit: limit)) != (try? FileSystem.readFile(new.absolute, limit: limit)) {
                changed.insert(path)
            }
        }
        return changed.sorted()
    }
}
