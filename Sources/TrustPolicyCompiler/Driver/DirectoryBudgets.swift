/// Runs the parse and decode stages over every file on all cores while keeping the
/// directory-wide budgets (nodes TP019, documents TP020) and the per-file diagnostic cap.
///
/// Files go in batches of about `batchBytes`, or up to `batchFiles` files of at most
/// `batchFiles × batchBytes` in all. After each batch the budgets are checked in path order, so
/// which file exceeds a budget never depends on thread scheduling, and at most one batch is read
/// beyond a budget.
struct DirectoryBudgets {
    static let batchBytes = 1 << 20
    /// A repository that keeps each environment's clusters in one multi-document file has a few
    /// files of megabytes each: batched one by one, they would load on one core.
    static let batchFiles = 8

    let limits: LoaderLimits

    func decode(_ files: [SourceFile], with pipeline: CompilerPipeline, scheduler: ConcurrentScheduler,
                diagnostics: inout DiagnosticCollector) -> [ResourceDecoder.Decoded] {
        var resources: [ResourceDecoder.Decoded] = []
        var nodes = 0
        var documents = 0
        var next = 0
        while next < files.count {
            var end = next + 1
            var bytes = files[next].bytes.count
            while end < files.count, bytes + files[end].bytes.count <= Self.batchBytes
                    || (end - next < Self.batchFiles && bytes + files[end].bytes.count <= Self.batchBytes * Self.batchFiles) {
                bytes += files[end].bytes.count
                end += 1
            }
            let limit = limits.maxDiagnosticsPerFile
            let batch = scheduler.map(Array(files[next..<end])) { file in
                var decoded = pipeline.decodeFile(file)
                decoded.diagnostics = decoded.diagnostics.limited(to: limit, file: file.path)
                return decoded
            }
            for (offset, decoded) in batch.enumerated() {
                let file = files[next + offset].path
                nodes += decoded.nodes
                documents += decoded.documents
                if nodes > limits.maxTotalNodes {
                    diagnostics.emit(.tooManyNodesInDirectory,
                                     "the policy directory's YAML files hold more than \(limits.maxTotalNodes) nodes in all; this file and the files after it are not read",
                                     at: .file(file), fix: "point trustc at the policy directory itself, not a parent of it")
                    return resources
                }
                if documents > limits.maxTotalDocuments {
                    diagnostics.emit(.tooManyDocumentsInDirectory,
                                     "the policy directory's YAML files hold more than \(limits.maxTotalDocuments) documents in all; this file and the files after it are not read",
                                     at: .file(file), fix: "point trustc at the policy directory itself, not a parent of it")
                    return resources
                }
                diagnostics.merge(decoded.diagnostics)
                resources += decoded.resources
            }
            next = end
        }
        return resources
    }
}

extension DiagnosticCollector {
    /// Keeps at most `limit` diagnostics of a file, so one hostile file cannot flood the output.
    func limited(to limit: Int, file: String) -> DiagnosticCollector {
        guard diagnostics.count > limit else { return self }
        // A limit the loader hit explains everything after it, so it is always shown, even when
        // it comes after the first `limit` diagnostics (TP009 at document 10,001, say). Only the
        // kept diagnostics are hashed to drop repeats, not every one of a broken file's.
        let limits: Set<DiagnosticCode> = [.nestingTooDeep, .fileTooLarge, .tooManyDocuments, .tooManyNodes, .scalarTooLong]
        let ordered = diagnostics.sorted(by: Diagnostic.reportingOrder)
        var seen = Set<Diagnostic>()
        var kept: [Diagnostic] = []
        for diagnostic in ordered where limits.contains(diagnostic.code) && kept.count < limit {
            if seen.insert(diagnostic).inserted { kept.append(diagnostic) }
        }
        let quota = limit - kept.count
        var others = 0
        for diagnostic in ordered where !limits.contains(diagnostic.code) {
            guard others < quota else { break }
            if seen.insert(diagnostic).inserted {
                kept.append(diagnostic)
                others += 1
            }
        }
        kept.sort(by: Diagnostic.reportingOrder)
        var result = DiagnosticCollector()
        for diagnostic in kept { result.emit(diagnostic) }
        // Placed after the last diagnostic shown, where a reader looks for more.
        let last = kept.last!.location ?? .file(file)
        result.emit(Diagnostic(kept.last!.code, severity: .note,
                               "\(diagnostics.count - kept.count) more diagnostics in this file are not shown",
                               at: SourceLocation(file: last.file, line: last.line, column: last.column + 1)))
        return result
    }
}
