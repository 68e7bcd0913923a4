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

    /// The base's files, and any overlaid `.yaml` file of the directory that does not exist yet (a new petitions file).
    public func yamlFiles(in directory: String) throws -> [String] {
        let listed = try base.yamlFiles(in: directory)
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let added = files.keys.filter { path in
            path.hasPrefix(prefix) && !path.dropFirst(prefix.count).contains("/") && path.hasSuffix(".yaml") && !listed.contains(path)
        }
        return added.isEmpty ? listed : (listed + added).sorted()
    }
}
