import Foundation

/// A department address that mail did not reach, as a delivery report (RFC 3464) or sendmail's refusal said.
///
/// SMTP reports failures, never success, so a mark ages as a mailing-list manager's bounce record does: see
/// `isCleared(laterSend:now:)`.
public struct AddressFailure: Sendable, Hashable {
    /// How long reminders sent after a failure must go unreported before the mark clears: longer than
    /// postfix's five-day queue lifetime, so a late report still lands on a live mark.
    public static let clearingQuietPeriod: TimeInterval = 7 * 86_400

    /// The address, lower case.
    public var address: String
    /// True for a permanent failure (status 5.x.x), false for a delay (4.x.x).
    public var permanent: Bool
    /// The enhanced status code (RFC 3463), e.g. `5.1.1`.
    public var status: String
    /// The remote server's words, e.g. `550 5.1.1 <x@y>: Recipient address rejected: User unknown`.
    public var diagnostic: String?
    /// The plan of the copy that failed; empty for a digest.
    public var plan: String
    /// The task of the copy that failed; empty for a digest.
    public var task: String
    /// The department whose copy failed, when known.
    public var department: String?
    /// When the failed copy was sent.
    public var copyAt: Date
    /// When the failure was reported.
    public var reportedAt: Date

    /// Creates a mark.
    public init(address: String, permanent: Bool, status: String, diagnostic: String?, plan: String, task: String,
                department: String?, copyAt: Date, reportedAt: Date) {
        self.address = address.lowercased()
        self.permanent = permanent
        self.status = status
        self.diagnostic = diagnostic
        self.plan = plan
        self.task = task
        self.department = department
        self.copyAt = copyAt
        self.reportedAt = reportedAt
    }

    /// Whether the mark no longer holds: a later copy to the address (the earliest one sent after the
    /// failed copy, `laterSend`) has gone unreported for the quiet period.
    public func isCleared(laterSend: Date?, now: Date) -> Bool {
        guard let laterSend, laterSend > copyAt else { return false }
        return now.timeIntervalSince(laterSend) >= Self.clearingQuietPeriod
    }

    /// Whether a new report replaces this mark: a permanent failure always does; a delay only replaces a delay.
    public func isReplaced(by newer: AddressFailure) -> Bool {
        newer.permanent || !permanent
    }
}
