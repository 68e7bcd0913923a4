import Foundation

/// The main configuration file: mail, state, plan directory, catch-up limit and official holiday tables.
public struct MainSettings: Sendable {
    /// The `From:` header value, e.g. `Nhắc việc <nhacviec@example.gov.vn>`.
    public var from: String
    /// The bare envelope sender address, given to sendmail with `-f`.
    public var envelopeSender: String
    /// The display name of the sender, if any.
    public var senderName: String?
    /// The sendmail-compatible command and its fixed options, split into words.
    public var sendmailCommand: [String]
    /// The longest a sendmail may run before it is killed.
    public var sendmailTimeout: TimeInterval
    /// Exit codes treated as temporary failures.
    public var temporaryExitCodes: Set<Int32>
    /// The SQLite state file.
    public var statePath: String
    /// The directory holding `*.yaml` plan files.
    public var plansDirectory: String
    /// Missed reminders older than this are skipped.
    public var catchUpLimit: TimeInterval
    /// The address departments reply to (`mail.reply-to`); when set, each owner gets its own copy whose
    /// `Reply-To` is `LOCAL+TOKEN@DOMAIN`, and a reply "Đã hoàn thành" marks that owner done.
    public var replyTo: String?
    /// Where `inbound` forwards what it cannot tie to a plan (`mail.postmaster`).
    public var postmaster: String?
    /// Where the daemon (and `done`, `reopen`, `inbound`) keep `PLAN.ics` and `PLAN.DEPARTMENT.ics` up to date
    /// (`calendar-dir`); nil: no calendar files.
    public var calendarDirectory: String? = nil
    /// Government-announced schedules that replace the computed holidays of their years.
    public var officialYears: [OfficialYear]

    /// The defaults used for every key the main file leaves out.
    public static func defaults(relativeTo directory: String) -> MainSettings {
        MainSettings(from: "nhacviec@localhost", envelopeSender: "nhacviec@localhost", senderName: nil,
                     sendmailCommand: ["/usr/sbin/sendmail", "-oi"], sendmailTimeout: 60, temporaryExitCodes: [69, 75],
                     statePath: "/var/lib/nhacviec/state.sqlite", plansDirectory: directory + "/plans.d",
                     catchUpLimit: 7 * 86400, replyTo: nil, postmaster: nil, officialYears: [])
    }
}
