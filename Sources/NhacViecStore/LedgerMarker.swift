import Foundation

/// A small file beside the state file, written when the daemon first creates or opens a ledger there.
///
/// It tells a first start from a lost ledger: a state file that is missing or empty next to a marker
/// had a history that is gone. Its name does not match `state.sqlite*`, so removing the database's files
/// by a glob leaves it in place, and the package's maintainer scripts need do nothing about it.
public struct LedgerMarker: Sendable {
    /// The marker's path: `.NAME.created` in the state file's directory.
    public let path: String

    /// The marker of the ledger at `statePath`.
    public init(statePath: String) {
        let url = URL(fileURLWithPath: statePath)
        path = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).created").path
    }

    /// When the directory first held a ledger, as the marker says; nil when there is no marker.
    public var createdAt: String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.isEmpty ? "an unknown date" : line
    }

    /// Writes the marker unless it exists; a ledger from before markers existed gets one on its next start.
    func markIfNeeded(now: Date) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let text = ISO8601DateFormatter().string(from: now) + "\nnhacviec's ledger lives beside this file; see docs/operations.md\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Whether the state file exists with some content.
    static func holdsData(_ statePath: String) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: statePath),
              let size = attributes[.size] as? NSNumber else { return false }
        return size.intValue > 0
    }
}
