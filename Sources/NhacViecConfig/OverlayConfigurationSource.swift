/// A configuration source that serves some files from memory and the rest from another source,
/// so that an edit can be checked as a whole before it is written.
public struct OverlayConfigurationSource: ConfigurationSource {
    /// Where files not overlaid come from.
    public var base: ConfigurationSource
    /// The overlaid texts, by path.
    public var files: [String: String]

    /// Creates a source.
    public init(base: ConfigurationSource, files: [String: String]) {
        self.base = base
        self.files = files
    }

    public func read(_ path: String) throws -> String {
        try files[path] ?? base.read(path)
    }

    public func yamlFiles(in directory: String) throws -> [String] {
        try base.yamlFiles(in: directory)
    }
}
