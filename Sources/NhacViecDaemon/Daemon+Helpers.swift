@preconcurrency import Dispatch
import Foundation
import Logging
import NhacViecCore

extension Daemon {
    /// Gives the heap that parsing and planning left free back to the system: a daemon that sleeps for
    /// weeks should not sit on the peak of its start.
    func releaseFreedMemory() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        StartupPages.release()
        #endif
    }

    static func policy(_ settings: MainSettings, _ environment: DaemonEnvironment) -> SchedulerPolicy {
        SchedulerPolicy(catchUpLimit: settings.catchUpLimit, lateAfter: environment.lateAfter,
                        historyStartsAt: environment.historyStartsAt)
    }

    var plans: [Plan] { configuration.plans.map(\.plan) }
    var taskCount: Int { configuration.plans.reduce(0) { $0 + $1.plan.tasks.count } }

    static func index(_ configuration: Configuration) -> [String: Plan] {
        Dictionary(configuration.plans.map { ($0.plan.id, $0.plan) }, uniquingKeysWith: { first, _ in first })
    }

    func plan(of instance: ReminderInstance) -> Plan? { plansByID[instance.planID] }

    /// The zone of the instance's plan; an instance of a plan a reload removed is shown in Vietnam's.
    func zone(_ instance: ReminderInstance) -> TimeZone { plan(of: instance)?.timeZone ?? .vietnam }

    /// Sends `STATUS=` at most once a second: a burst of deliveries must not pay for a status line each.
    func publishStatus() {
        guard !statusScheduled else { return }
        statusScheduled = true
        queue.asyncAfter(deadline: .now() + 1) { [self] in
            statusScheduled = false
            if !stopping { environment.notifier.notify([("STATUS", statusLine())]) }
        }
    }

    /// The `STATUS=` line: the next reminder, how many are pending, how many tasks are overdue.
    func statusLine() -> String {
        dispatchPrecondition(condition: .onQueue(queue))
        let summary = scheduler.summary(now: environment.clock.now())
        var text = "\(summary.pending) pending, \(summary.overdue) overdue"
        if let next = summary.next {
            text = "next: \(next.planID)/\(next.taskID) \(next.kind.rawValue) at \(ISOTimestamp.string(next.at, zone: zone(next))); " + text
        } else {
            text = "nothing scheduled; " + text
        }
        if let trouble = storeTrouble {
            text = "STATE STORE NOT WRITABLE since \(ISOTimestamp.string(trouble.since, zone: .vietnam)), sending paused; " + text
        }
        return text
    }

    func metadata(_ instance: ReminderInstance, attempt: Int? = nil, mailID: String? = nil) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "plan": .string(instance.planID), "task": .string(instance.taskID), "kind": .string(instance.kind.rawValue),
            "due": .string(instance.dueDay.iso), "recipients": .string(instance.recipients.joined(separator: " ")),
        ]
        if let task = plan(of: instance)?.task(instance.taskID) {
            metadata["department"] = .string(task.owners.joined(separator: " "))
        }
        if let attempt { metadata["attempt"] = .string("\(attempt)") }
        if let mailID { metadata["mail_id"] = .string(mailID) }
        return metadata
    }

    /// Logs an event with its `MESSAGE_ID`; the caller's place becomes `CODE_FILE`/`CODE_LINE`/`CODE_FUNC`.
    func log(_ level: Logger.Level, _ messageID: String, _ message: String, _ instance: ReminderInstance? = nil,
                     attempt: Int? = nil, mailID: String? = nil,
                     file: String = #fileID, function: String = #function, line: UInt = #line) {
        var metadata = instance.map { self.metadata($0, attempt: attempt, mailID: mailID) } ?? [:]
        metadata["message_id"] = .string(messageID)
        logger.log(level: level, "\(message)", metadata: metadata, file: file, function: function, line: line)
    }
}
