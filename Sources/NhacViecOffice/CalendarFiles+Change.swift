import Foundation
import NhacViecCore

extension CalendarFiles {
    /// After `done`, `reopen` or a reply: refreshes the plan's file and the departments' with the ledger's
    /// completions when `calendar-dir` is set; returns the warning to show when that failed.
    ///
    /// A failure is never fatal: the mark is recorded, and the daemon rewrites every file at its next start or reload.
    public static func refreshAfterChange(configuration: Configuration, plan: Plan, departments: [String],
                                          ledger: any OfficeLedger, now: Date) -> String? {
        guard let directory = configuration.settings.calendarDirectory else { return nil }
        do {
            let completions = try OfficeError.ledger { try ledger.completions() }
            try CalendarFiles(configuration: configuration, directory: directory)
                .refresh(plan: plan, departments: departments, completions: completions, now: now)
            return nil
        } catch {
            return "calendar files in \(directory) not refreshed: \(error); the daemon rewrites them at its next start "
                + "or reload (systemctl reload nhacviec)"
        }
    }
}
