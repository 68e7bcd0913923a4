import Foundation

/// How a reminder instance ended up in the ledger.
public enum LedgerOutcome: String, Sendable, Hashable, Codable {
    /// The transport accepted it.
    case sent
    /// It was not sent: superseded by a later reminder, or missed beyond the catch-up limit.
    case skipped
    /// Delivery failed for good, or was given up after retries.
    case failed
}
