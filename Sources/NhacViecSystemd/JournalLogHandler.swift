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

    public func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                    file: String, function: String, line: UInt) {
        let entries = fields(level: level, message: message, metadata: metadata, file: file, function: function, line: line)
        var buffers = entries.map { Array(("\($0.0)=\($0.1)").utf8) }
        var vectors: [iovec] = []
        vectors.reserveCapacity(buffers.count)
        // The journal copies the data during the call, so pointers into the buffers are only needed until it returns.
        func send(_ index: Int) {
            if index == buffers.count {
                _ = sd_journal_sendv(vectors, Int32(vectors.count))
                return
            }
            buffers[index].withUnsafeMutableBytes { bytes in
                vectors.append(iovec(iov_base: bytes.baseAddress, iov_len: bytes.count))
                send(index + 1)
            }
        }
        send(0)
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
