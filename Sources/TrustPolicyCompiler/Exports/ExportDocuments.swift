/// The documents of a file printed by `kubectl` or `az`, as YAML or as JSON, read into JSON
/// values with their positions. JSON (the file starts with `{` or `[`) goes through
/// `JSONReader`; YAML through `YAMLLoader`, its scalars resolved as Kubernetes reads them.
struct ExportDocuments {
    /// One document: its value, and for YAML where the elements of its list are written (the
    /// root sequence, or the `items` or `value` member), so a broken item can be pointed at.
    struct Document {
        var value: JSONValue
        var position: ExportPosition
        var itemLocations: [SourceLocation] = []

        /// The position of element `index` of the document's list, found at `path`.
        func position(ofItem index: Int, path: String) -> ExportPosition {
            var result = position
            result.path = "\(path)[\(index)]"
            if index < itemLocations.count {
                result.line = itemLocations[index].line
                result.column = itemLocations[index].column
            }
            return result
        }
    }

    var documents: [Document] = []
    var problems: [ExportProblem] = []

    /// The members holding a list of objects in the wrappers `kubectl` (`items`) and `az rest`
    /// (`value`) print.
    static let listMembers = ["items", "value"]

    init(_ bytes: [UInt8], file: String, limits: LoaderLimits) {
        let start = bytes.starts(with: TextPositions.byteOrderMark) ? TextPositions.byteOrderMark.count : 0
        let first = bytes[start...].first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            readJSON(Array(bytes[start...]), file: file)
        } else {
            readYAML(bytes, file: file, limits: limits)
        }
    }

    private mutating func readJSON(_ bytes: [UInt8], file: String) {
        do {
            documents.append(Document(value: try JSONReader.document(bytes), position: ExportPosition(file: file)))
        } catch {
            problems.append(ExportProblem("not valid JSON: \(error.message)",
                                          at: ExportPosition(file: file, line: error.line, column: error.column)))
        }
    }

    private mutating func readYAML(_ bytes: [UInt8], file: String, limits: LoaderLimits) {
        let loaded = YAMLLoader(limits: limits).load(bytes, file: file)
        for diagnostic in loaded.diagnostics.sorted where diagnostic.severity == .error {
            let position = diagnostic.location.map { ExportPosition($0) } ?? ExportPosition(file: file)
            problems.append(ExportProblem("not valid YAML: \(diagnostic.message)", at: position))
        }
        for document in loaded.documents {
            var items: [SyntaxNode] = []
            switch document.root.content {
            case .sequence(let elements): items = elements
            case .mapping(let entries):
                if case .sequence(let elements)? = entries.first(where: { Self.listMembers.contains($0.key.value) })?.value.content {
                    items = elements
                }
            case .scalar: break
            }
            documents.append(Document(value: document.root.json, position: ExportPosition(document.root.location),
                                      itemLocations: items.map(\.location)))
        }
    }
}
