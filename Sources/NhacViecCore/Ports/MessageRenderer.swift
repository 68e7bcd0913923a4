import Foundation

/// Renders reminder and failure-report messages: the daemon's view of the mail builder.
public protocol MessageRenderer: Sendable {
    /// The message of one copy of a reminder instance.
    func reminder(plan: Plan, instance: ReminderInstance, copy: MailCopy, calendar: WorkingCalendar, now: Date, isLate: Bool) throws -> OutgoingMail
    /// The report to a plan's admins about a reminder that could not be delivered; nil when the plan has no admins.
    func failureReport(plan: Plan, instance: ReminderInstance, reason: String, attempts: Int, now: Date) throws -> OutgoingMail?
    /// The weekly digest of one address, from its content computed at send time; `isLate` marks a catch-up after downtime.
    func digest(_ content: DigestContent, calendar: WorkingCalendar, now: Date, isLate: Bool) throws -> OutgoingMail
    /// The notice to a plan's admins that the state store is writable again after failing since `since`; nil without admins.
    func storeRecovered(plan: Plan, since: Date, reason: String, now: Date) throws -> OutgoingMail?
}
