import Foundation

/// Where configuration text comes from: the disk in production, memory in tests.
public protocol ConfigurationSource: Sendable {
    /// The text of a file; a `TextDecodingError` when it is not UTF-8.
    func read(_ path: String) throws -> String
    /// The `*.yaml` files of a directory, sorted by name.
    func yamlFiles(in directory: String) throws -> [String]
    /// The bytes of a file, not yet checked to be UTF-8: what the plan cache's key is computed from.
    func bytes(_ path: String) throws -> [UInt8]
}

extension ConfigurationSource {
    /// The bytes of the file's text, for sources that hold text.
    public func bytes(_ path: String) throws -> [UInt8] { Array(try read(path).utf8) }
}

/// Reads configuration from the file system.
public struct DiskConfigurationSource: ConfigurationSource {
    /// Creates a source.
    public init() {}

    public func read(_ path: String) throws -> String {
        try UTF8Text.decode(try bytes(path))
    }

    public func bytes(_ path: String) throws -> [UInt8] {
        try FileBytes.read(path)
    }

    public func yamlFiles(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }
            .sorted()
            .map { directory + "/" + $0 }
    }
}

/// Serves configuration files from a dictionary of paths to texts.
public struct MemoryConfigurationSource: ConfigurationSource {
    /// The files, by path.
    public var files: [String: String]

    /// Creates a source.
    public init(files: [String: String]) {
        self.files = files
    }

    public func read(_ path: String) throws -> String {
        guard let text = files[path] else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        return text
    }

    public func yamlFiles(in directory: String) throws -> [String] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let names = files.keys.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") && $0.hasSuffix(".yaml") }
        if names.isEmpty && !files.keys.contains(where: { $0.hasPrefix(prefix) }) {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: directory])
        }
        return names.sorted()
    }
}
