import Foundation
import NhacViecCore

extension TaskStatusReport {
    /// One task's line of `status`, its fields as text.
    public struct Row: Sendable {
        /// The plan's id, the task's id (`TASK+PERIOD` for an occurrence), its due day (or `(EVENT tbd)`) and its state.
        public var plan, task, due, state: String
        /// The period of an occurrence of a recurring task (`2027-03`), or nil.
        public var period: String?
        /// The last reminder sent (`DAY KIND`), the next one's instant and kind.
        public var lastSent, nextAt, nextKind: String
        /// Who marked the task done last, and their note.
        public var doneBy, doneNote: String
        /// Each owner department's standing.
        public var owners: [TaskStatus.Owner]
        /// The plan's zone, in which instants are written.
        public var zone: TimeZone
        /// The marks on each owner department's addresses.
        public var undeliverable: [String: [AddressFailure]]

        init(_ status: TaskStatus, zone: TimeZone, undeliverable: [String: [AddressFailure]]) {
            plan = status.task.planID
            task = status.task.taskID
            period = status.period
            switch status.timing {
            case .waiting(let event): due = "(\(event) tbd)"
            case .due(let day): due = day.iso
            // `TaskStatus.all` lists a recurring task's occurrences, each due on a day, never the task itself.
            case .recurring(let recurrence): due = "(every \(recurrence.unit.rawValue))"
            }
            state = status.state.reported.rawValue
            lastSent = status.lastSent.map { "\($0.day) \($0.kind)" } ?? ""
            nextAt = status.next.map { ISOTimestamp.string($0.at, zone: zone) } ?? ""
            nextKind = status.next?.kind.rawValue ?? ""
            doneBy = status.completion?.doneBy ?? ""
            doneNote = status.completion?.note ?? ""
            owners = status.owners
            self.zone = zone
            self.undeliverable = undeliverable
        }

        /// The row as one JSON object and a line end.
        public var json: String {
            "{\"plan\":\(JSONText.quote(plan)),\"task\":\(JSONText.quote(task)),\"period\":\(optional(period)),"
                + "\"due\":\(JSONText.quote(due)),"
                + "\"state\":\"\(state)\",\"last_sent\":\(JSONText.quote(lastSent)),"
                + "\"next_at\":\(JSONText.quote(nextAt)),\"next_kind\":\(JSONText.quote(nextKind)),"
                + "\"done_by\":\(JSONText.quote(doneBy)),\"done_note\":\(JSONText.quote(doneNote)),"
                + "\"owners\":[\(owners.map(ownerJSON).joined(separator: ","))]}\n"
        }

        private func ownerJSON(_ owner: TaskStatus.Owner) -> String {
            let done = owner.state == .done ? owner.completion : nil
            let failures = (undeliverable[owner.department] ?? []).map(failureJSON).joined(separator: ",")
            return "{\"department\":\(JSONText.quote(owner.department)),\"state\":\"\(owner.state.reported.rawValue)\","
                + "\"done_at\":\(done.map { JSONText.quote(ISOTimestamp.string($0.doneAt, zone: zone)) } ?? "null"),"
                + "\"done_by\":\(optional(done?.doneBy)),\"note\":\(optional(done?.note)),\"ref\":\(optional(done?.ref)),"
                + "\"answered_on\":\(optional(done?.answeredOn?.iso)),\"undeliverable\":[\(failures)]}"
        }

        private func failureJSON(_ failure: AddressFailure) -> String {
            "{\"address\":\(JSONText.quote(failure.address)),\"status\":\(JSONText.quote(failure.status)),"
                + "\"permanent\":\(failure.permanent),"
                + "\"since\":\(JSONText.quote(ISOTimestamp.string(failure.reportedAt, zone: zone)))}"
        }

        private func optional(_ text: String?) -> String { text.map(JSONText.quote) ?? "null" }
    }
}
