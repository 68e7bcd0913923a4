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

    var plans: [Plan] { loaded.configuration.plans.map(\.plan) }
    var taskCount: Int { loaded.configuration.plans.reduce(0) { $0 + $1.plan.tasks.count } }

    /// The zone a send is read in: its plan's (Vietnam's for a plan a reload removed), or its digest slot's.
    func zone(_ send: Send) -> TimeZone {
        switch send {
        case .reminder(let instance): return loaded.plansByID[instance.planID]?.timeZone ?? .vietnam
        case .digest(let instance): return instance.zone
        }
    }

    /// Sends `STATUS=` at most once a second: a burst of deliveries must not pay for a status line each.
    func publishStatus() {
        guard timers.status == nil, !phase.isStopping else { return }
        timers.status = runtime.timer(after: 1) { [self] in
            timers.status = nil
            if !phase.isStopping { environment.notifier.notify([("STATUS", statusLine())]) }
        }
    }

    /// The `STATUS=` line: the next reminder, how many are pending, how many tasks are overdue.
    func statusLine() -> String {
        runtime.assertOnContext()
        let summary = scheduler.summary(now: environment.clock.now())
        var text = "\(summary.pending) pending, \(summary.overdue) overdue"
        if let next = summary.next {
            text = "next: \(next.planID)/\(next.taskID) \(next.kind.rawValue) at \(ISOTimestamp.string(next.at, zone: zone(.reminder(next)))); " + text
        } else {
            text = "nothing scheduled; " + text
        }
        if let trouble = store.trouble {
            text = "STATE FILE NOT WRITABLE since \(ISOTimestamp.string(trouble.since, zone: .vietnam)), sending paused; " + text
        }
        return text
    }

    func metadata(_ send: Send, attempt: Int? = nil, mailID: String? = nil) -> Logger.Metadata {
        var metadata: Logger.Metadata
        switch send {
        case .reminder(let instance):
            metadata = [
                "plan": .string(instance.planID), "task": .string(instance.taskID), "kind": .string(instance.kind.rawValue),
                "due": .string(instance.dueDay.iso), "recipients": .string(instance.recipients.joined(separator: " ")),
            ]
            if let task = loaded.plansByID[instance.planID]?.task(instance.taskID, calendar: loaded.configuration.calendar) {
                metadata["department"] = .string(task.owners.joined(separator: " "))
            }
        case .digest(let instance):
            metadata = ["kind": "digest", "digest": .string(instance.key), "recipients": .string(instance.address),
                        "due": .string(instance.week.description)]
        }
        if let attempt { metadata["attempt"] = .string("\(attempt)") }
        if let mailID { metadata["mail_id"] = .string(mailID) }
        return metadata
    }

    /// Logs an event with its `MESSAGE_ID`; the caller's place becomes `CODE_FILE`/`CODE_LINE`/`CODE_FUNC`.
    func log(_ level: Logger.Level, _ messageID: String, _ message: String, _ send: Send? = nil, attempt: Int? = nil,
             mailID: String? = nil, file: String = #fileID, function: String = #function, line: UInt = #line) {
        var metadata = send.map { self.metadata($0, attempt: attempt, mailID: mailID) } ?? [:]
        metadata["message_id"] = .string(messageID)
        logger.log(level: level, "\(message)", metadata: metadata, file: file, function: function, line: line)
    }
}
