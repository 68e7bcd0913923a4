import Foundation
import NhacViecCore

extension MessageComposer: MessageRenderer {
    /// The reminder's message.
    public func reminder(plan: Plan, instance: ReminderInstance, copy: MailCopy, calendar: WorkingCalendar, now: Date,
                         isLate: Bool) throws -> OutgoingMail {
        try render(plan: plan, instance: instance, copy: copy, calendar: calendar, now: now, isLate: isLate)
    }

    /// The failure report, or nil for a plan without admins: the daemon then reports to the journal alone.
    public func failureReport(plan: Plan, instance: ReminderInstance, reason: String, attempts: Int, calendar: WorkingCalendar,
                              now: Date) throws -> OutgoingMail? {
        guard !plan.admins.isEmpty else { return nil }
        return try renderFailureReport(plan: plan, instance: instance, reason: reason, attempts: attempts, calendar: calendar,
                                       now: now)
    }

    /// The copy's signed bounce address, when replies by mail are on.
    public func bounceAddress(copy id: Int64) -> String? { bounceAddressOfCopy?(id) }

    /// The grouped mail of a department: see `groupedReminder(plan:items:copy:copyID:calendar:now:isLate:)`.
    public func groupedReminder(plan: Plan, items: [GroupedItem], copy: MailCopy, copyID: Int64, calendar: WorkingCalendar,
                                now: Date, isLate: Bool) throws -> OutgoingMail {
        try composeGroupedReminder(plan: plan, items: items, copy: copy, copyID: copyID, calendar: calendar, now: now, isLate: isLate)
    }
}
