import Foundation

/// Renders reminder and failure-report messages: the daemon's view of the mail builder.
public protocol MessageRenderer: Sendable {
    /// The message of one copy of a reminder instance.
    func reminder(plan: Plan, instance: ReminderInstance, copy: MailCopy, calendar: WorkingCalendar, now: Date, isLate: Bool) throws -> OutgoingMail
    /// The report to a plan's admins about a reminder that could not be delivered; nil when the plan has no admins.
    func failureReport(plan: Plan, instance: ReminderInstance, reason: String, attempts: Int, calendar: WorkingCalendar,
                       now: Date) throws -> OutgoingMail?
    /// The weekly digest of one address, from its content computed at send time; `isLate` marks a catch-up after downtime.
    func digest(_ content: DigestContent, calendar: WorkingCalendar, now: Date, isLate: Bool) throws -> OutgoingMail
    /// The notice to a plan's admins that the state file is writable again after failing since `since`; nil without admins.
    func storeRecovered(plan: Plan, since: Date, reason: String, now: Date) throws -> OutgoingMail?
    /// One mail to one department listing several items of a plan that fall due for it at the same minute; its reply
    /// address names the copy `copyID`, whose items the ledger keeps.
    func groupedReminder(plan: Plan, items: [GroupedItem], copy: MailCopy, copyID: Int64, calendar: WorkingCalendar,
                         now: Date, isLate: Bool) throws -> OutgoingMail
    /// The `Message-ID` a grouped mail of this department and plan gets at `now`.
    func groupMessageID(plan: Plan, department: String, now: Date) -> String
    /// The envelope sender of the copy with this ledger id: a signed bounce address (VERP) when replies by mail
    /// are on, so that a delivery report names the copy; nil to keep the configured sender.
    func bounceAddress(copy id: Int64) -> String?
}

extension MessageRenderer {
    /// Without replies by mail, delivery reports go to the configured sender.
    public func bounceAddress(copy id: Int64) -> String? { nil }
}
