/// `explain`: compiles the source, reads the image's signatures if given, and asks the
/// explainer.
extension CompilerDriver {
    public struct ExplainRequest: Sendable {
        public var directory: String
        public var image: String
        public var cluster: String
        public var namespace: String?
        /// A `notation inspect -o json` document of the image: a path, `-` for standard input.
        public var signatures: String?
        public var options: Options

        public init(directory: String, image: String, cluster: String, namespace: String? = nil, signatures: String? = nil,
                    options: Options) {
            self.directory = directory
            self.image = image
            self.cluster = cluster
            self.namespace = namespace
            self.signatures = signatures
            self.options = options
        }
    }

    public enum ExplainOutcome: Sendable {
        /// The source has errors: nothing was explained.
        case sourceHasErrors(Compilation)
        /// The question cannot be answered (unreadable or malformed signatures, an unknown
        /// cluster or registry, a malformed reference): why.
        case failed(String)
        case explained(Explanation)
    }

    /// The largest signatures document read (an image with notation's default maximum of 100
    /// signatures prints a few hundred kilobytes).
    static let maxSignatureDocumentBytes = 64 << 20

    public static func explain(_ request: ExplainRequest) throws(PolicyDirectory.OpenError) -> ExplainOutcome {
        let compilation = try compile(directory: request.directory, options: request.options)
        guard !compilation.hasErrors else { return .sourceHasErrors(compilation) }
        var signatures: NotationInspection?
        if let path = request.signatures {
            let name = path == "-" ? "<stdin>" : path
            let bytes: [UInt8]
            do {
                bytes = path == "-" ? try FileSystem.readStandardInput(limit: maxSignatureDocumentBytes)
                    : try FileSystem.readFile(path, limit: maxSignatureDocumentBytes)
            } catch {
                return .failed("cannot read \(name): \(error)")
            }
            do {
                signatures = try NotationInspection.read(bytes)
            } catch {
                return .failed("\(name):\(error.line):\(error.column): \(error)")
            }
        }
        let question = Explainer.Question(image: request.image, cluster: request.cluster, namespace: request.namespace,
                                          signatures: signatures)
        switch Explainer(model: compilation.model, today: request.options.today).explain(question) {
        case .success(let explanation): return .explained(explanation)
        case .failure(let failure): return .failed(failure.description)
        }
    }
}
