/// `audit`: compiles the source, then streams the inventory through the signer audit in blocks
/// of lines, each block's lines audited on all cores, the results gathered in line order.
extension CompilerDriver {
    public struct AuditRequest: Sendable {
        public var directory: String
        /// The inventory's path, `nil` for standard input.
        public var signatures: String?
        public var options: Options

        public init(directory: String, signatures: String?, options: Options) {
            self.directory = directory
            self.signatures = signatures
            self.options = options
        }
    }

    public enum AuditOutcome: Sendable {
        /// The source has errors: nothing was audited.
        case sourceHasErrors(Compilation)
        /// The inventory could not be read (opened, or read to the end).
        case unreadableInventory(String)
        case audited(AuditReport)
    }

    /// Lines audited per unit of work: enough that a unit outweighs its scheduling and reuses
    /// its signer memo, few enough that a block's units keep every core busy.
    static let auditLinesPerUnit = 512

    public static func audit(_ request: AuditRequest) throws(PolicyDirectory.OpenError) -> AuditOutcome {
        let compilation = try compile(directory: request.directory, options: request.options)
        guard !compilation.hasErrors else { return .sourceHasErrors(compilation) }
        let audit = SignatureAudit(model: compilation.model, today: request.options.today)
        var blocks: LineBlocks
        do {
            blocks = try LineBlocks(path: request.signatures, maxLineBytes: SignatureAudit.maxLineBytes)
        } catch {
            return .unreadableInventory("\(error)")
        }
        defer { blocks.closeInput() }
        var report = AuditReport()
        do throws(FileSystem.ReadError) {
            while let block = try blocks.next() {
                let bytes = block.bytes
                let results = scheduler.map(block.lines.chunked(into: auditLinesPerUnit)) { lines in audit.audit(bytes, lines: lines) }
                results.forEach { report.add($0) }
            }
        } catch {
            return .unreadableInventory("\(error)")
        }
        report.finish()
        return .audited(report)
    }
}
