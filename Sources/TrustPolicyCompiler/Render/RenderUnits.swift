/// A render as independent units of files, so that the output stage can make, write and drop
/// one unit at a time: memory then holds the units being written, not the whole output tree.
/// Every file belongs to exactly one unit, and units never share a path.
public protocol RenderUnits: Sendable {
    var unitCount: Int { get }
    /// The files of unit `index` (in `0..<unitCount`), made when asked for.
    func files(ofUnit index: Int) -> [RenderedFile]
    /// What the render is responsible for in the output directory.
    var coverage: RenderCoverage { get }
    /// The organisation rendered, recorded in the output manifest.
    var organization: String { get }
}
