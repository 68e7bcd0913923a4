import CSystemd
import Foundation
import Logging

/// A swift-log handler that writes structured entries to the systemd journal.
public struct JournalLogHandler: LogHandler {
    /// Metadata attached to every entry from this logger.
    public var metadata: Logger.Metadata = [:]
    /// The lowest level written.
    public var logLevel: Logger.Level = .info
    private let identifier: String

    /// Creates a handler; `identifier` becomes `SYSLOG_IDENTIFIER`.
    public init(identifier: String = "nhacviec") {
        self.identifier = identifier
    }

    /// Whether a journal socket exists to write to.
    public static var isAvailable: Bool { FileManager.default.fileExists(atPath: "/run/systemd/journal/socket") }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The fields of one entry, in order; exposed for tests.
    public func fields(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, file: String,
                       function: String, line: UInt) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("MESSAGE", message.description), ("PRIORITY", "\(Self.priority(level))"), ("SYSLOG_IDENTIFIER", identifier),
            ("CODE_FILE", file), ("CODE_LINE", "\(line)"), ("CODE_FUNC", function),
        ]
        let merged = metadata.merging(extra ?? [:]) { _, new in new }
        for key in merged.keys.sorted() {
            fields.append((JournalFields.fieldName(forMetadataKey: key), "\(merged[key]!)"))
        }
        return fields
    }

    public func log(event: LogEvent) {
        let entries = fields(level: event.level, message: event.message, metadata: event.metadata, file: event.file,
                             function: event.function, line: event.line)
        // One contiguous buffer: the iovecs point into it only for the duration of the call.
        var storage: [UInt8] = []
        var spans: [(offset: Int, length: Int)] = []
        for (name, value) in entries {
            let start = storage.count
            storage.append(contentsOf: "\(name)=\(value)".utf8)
            spans.append((start, storage.count - start))
        }
        let result = storage.withUnsafeBytes { bytes -> Int32 in
            guard let base = bytes.baseAddress else { return -1 }
            let vectors = spans.map { iovec(iov_base: UnsafeMutableRawPointer(mutating: base + $0.offset), iov_len: $0.length) }
            return sd_journal_sendv(vectors, Int32(vectors.count))
        }
        // A journal that went away must not swallow the log: say it on stderr instead.
        if result < 0 {
            let line = "nhacviec[\(event.level)]: \(event.message) \(entries.dropFirst(6).map { "\($0.0)=\($0.1)" }.joined(separator: " "))\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// syslog priorities: 7 debug … 2 critical.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }
}
