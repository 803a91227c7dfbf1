/// trustc's own YAML syntax tree: every node knows where it was written.
///
/// The loader builds it from LibYAML's event stream, so nothing a YAML library would hide
/// (aliases, tags, duplicate keys, YAML 1.1 scalar guessing) reaches the later stages.
public struct SyntaxNode: Sendable {
    public enum Content: Sendable {
        case scalar(Scalar)
        case mapping([Entry])
        case sequence([SyntaxNode])
    }

    /// A scalar as written: its text is never converted; the decoder decides what it means.
    public struct Scalar: Sendable, Equatable {
        public enum Style: Sendable, Equatable {
            case plain, singleQuoted, doubleQuoted, literal, folded
        }

        public var text: String
        public var style: Style
        /// A core tag written explicitly (`!!str`, `!!int`, ...), or `nil`.
        public var tag: CoreTag?

        public var isPlain: Bool { style == .plain && tag == nil }
    }

    /// A mapping entry; keys are always strings (the loader rejects collection keys).
    public struct Entry: Sendable {
        public var key: Located<String>
        public var value: SyntaxNode
    }

    /// The YAML core schema tags the loader accepts.
    public enum CoreTag: String, Sendable, Equatable {
        case string = "tag:yaml.org,2002:str"
        case integer = "tag:yaml.org,2002:int"
        case boolean = "tag:yaml.org,2002:bool"
        case null = "tag:yaml.org,2002:null"
        case float = "tag:yaml.org,2002:float"
        case mapping = "tag:yaml.org,2002:map"
        case sequence = "tag:yaml.org,2002:seq"
        case nonSpecific = "!"
    }

    public var content: Content
    public var location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    /// What the node is, in words, for "expected a string, found a list" messages.
    public var kindDescription: String {
        switch content {
        case .scalar(let scalar): CoreSchema.resolve(scalar).description
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

/// One YAML document of a source file.
public struct SyntaxDocument: Sendable {
    public var file: String
    /// 0-based position of the document in its file.
    public var index: Int
    public var root: SyntaxNode
}
