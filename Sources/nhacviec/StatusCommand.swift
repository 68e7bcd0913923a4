import ArgumentParser
import Foundation
import NhacViecCore
import NhacViecOutput
import NhacViecStore

/// `nhacviec status`: where each task stands.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each task's due day, state (pending, overdue, done, waiting, lapsed), last reminder sent and next one.",
        discussion: """
            A recurring task shows as its occurrences, each with its id TASK+PERIOD (bao-cao-thang+2027-03): those \
            overdue and not done in the last year, the latest one due whatever its state, and the next one. An \
            occurrence with 'overdue: none' is lapsed once its day has passed.

            JSON: one object per line with plan, task, period (an occurrence's, else null), due, state, last_sent, next_at, next_kind, done_by, done_note, \
            and owners: a list of {department, state, done_at, done_by, note, ref, answered_on, undeliverable}, one per owner \
            department, where undeliverable lists the department's addresses that mail did not reach ({address, status, \
            permanent, since}). A task is done when every owner is; the table lists the owners still to report.

            Below the table: the department addresses that delivery reports (or sendmail) said mail does not reach, \
            with the status code and when it was reported (a mark clears when the plan changes the address, or when \
            reminders sent to it later bring no report for 7 days), and the forwards of received mail to people in \
            the last 24 hours, with those held back by the rate limit (10 an hour per address).
            """
    )

    @OptionGroup var options: ConfigOption
    @Option(help: ArgumentHelp("Only this plan.", valueName: "ID"))
    var plan: String?
    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func run() throws {
        let configuration = try options.load(scheduleWarnings: false)
        let ledger: SQLiteLedger
        do { ledger = SQLiteLedger(database: try AppDatabase.openForClient(path: configuration.settings.statePath)) } catch {
            Output.error("nhacviec: \(error)")
            throw ExitCode(1)
        }
        let now = Date()
        let plans = configuration.plans.map(\.plan).filter { plan == nil || $0.id == plan }
        let undeliverable = UndeliverableAddress.list(plans: plans, failures: try ledger.addressFailures(now: now))
        let statuses = TaskStatus.all(plans: plans, calendar: configuration.calendar, records: try ledger.records(),
                                      completions: try ledger.completions(), lastSent: try ledger.lastSent(), now: now)
        let report = TaskStatusReport(statuses: statuses, plans: plans, undeliverable: undeliverable)
        if let plan, report.rows.isEmpty { throw ValidationError("no plan '\(plan)'") }
        guard format == .table else { return Output.print(report.jsonLines) }
        let forwards = try ledger.forwardSummary(since: now.addingTimeInterval(-86_400))
        Output.print(report.table + report.summary(forwards: forwards))
    }
}
