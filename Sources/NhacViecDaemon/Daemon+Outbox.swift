import Foundation
import Logging
import NhacViecCore

/// Sends waiting for the delivery thread, and the one on it: one at a time, in order. The next mail starts only
/// once the last one's outcome is recorded, so a kill leaves at most one send unrecorded (one duplicate at most); a
/// grouped job therefore records each send as soon as its last mail is out, and goes on in a step of its own.
struct Outbox {
    /// One piece of work for the delivery thread, and what to do with its result on the serial context.
    struct Job {
        let work: @Sendable () -> Step
        /// Whether it holds a rehearsal clock still from the moment it is queued (sends do; notices do not).
        let holdsClock: Bool
    }

    /// What a job hands back to the serial context: what to record, and the job that carries on from it, which runs
    /// before any other (a grouped job's next mail).
    struct Step {
        let finish: @Sendable () -> Void
        var next: Job?
    }

    var queued: [Job] = []
    var running = false
    /// The first Message-ID of each send whose outcome is being recorded, by send key.
    var mailIDs: [String: String] = [:]
    /// How many items each send being recorded listed (a digest's tasks), by send key.
    var items: [String: Int] = [:]

    /// Drops the jobs not yet begun; returns how many held the clock.
    mutating func dropQueued() -> Int {
        defer { queued = [] }
        return queued.filter(\.holdsClock).count
    }
}

/// What one attempt gave: the outcome, the first Message-ID, and how many items the mail listed.
typealias AttemptResult = (outcome: DeliveryOutcome, mailID: String?, items: Int?)

extension Daemon {
    /// Queues the sends that fell due together for the delivery thread: reminders of one plan due at the same minute
    /// go as one job, where each department gets one mail listing its items (`Daemon+Groups`); the others go one by
    /// one. There, the attempt is written to the ledger before sendmail starts, so a send that cannot be recorded is
    /// never made.
    func deliver(batch: [Delivery]) {
        runtime.assertOnContext()
        guard !phase.isStopping, !batch.isEmpty else { return }
        for group in Self.groups(of: batch) {
            let loaded = loaded, environment = environment
            environment.clock.deliveryStarted()
            guard group.count == 1 else {
                enqueue(groupJob(GroupProgress(group: group), loaded: loaded))
                continue
            }
            enqueue(Outbox.Job(work: { [self] in
                let result = attempt(group[0], loaded: loaded)
                return Outbox.Step(finish: { [self] in finished([(group[0], result)], last: true) })
            }, holdsClock: true))
        }
    }

    /// Records the outcomes of sends on the serial context; the last step of a job also rearms the timer and releases
    /// the rehearsal clock.
    func finished(_ results: [(Delivery, AttemptResult)], last: Bool) {
        for (delivery, result) in results { finish(delivery, result) }
        guard last else { return }
        arm()
        publishStatus()
        environment.clock.deliveryFinished()
    }

    /// Records a send's outcome on the serial context and hands it to the scheduler.
    private func finish(_ delivery: Delivery, _ result: AttemptResult) {
        let key = delivery.send.key
        if case .storeUnavailable(let reason) = result.outcome { storeFailed(reason) } else if result.outcome != .cancelled {
            storeWorks()
        }
        outbox.mailIDs[key] = result.mailID
        outbox.items[key] = result.items
        handle(scheduler.complete(delivery, outcome: result.outcome, now: environment.clock.now()))
        outbox.mailIDs[key] = nil
        outbox.items[key] = nil
    }

    /// Builds and sends a message to a plan's admins on the delivery thread; a plan without admins gets a journal line.
    func sendToAdmins(plan: Plan, what: String, _ build: @escaping @Sendable (any MessageRenderer, Date) throws -> OutgoingMail?) {
        let renderer = loaded.renderer, transport = loaded.transport, environment = environment, logger = logger
        enqueue(Outbox.Job(work: {
            do {
                guard let mail = try build(renderer, environment.clock.now()) else {
                    logger.warning("plan \(plan.id) names no admin: \(what) goes to the journal only")
                    return Outbox.Step(finish: {})
                }
                let outcome = transport.send(mail)
                if outcome != .sent { logger.error("\(what) to the admins of \(plan.id) could not be sent: \(outcome)") }
            } catch {
                logger.error("cannot build \(what): \(error)")
            }
            return Outbox.Step(finish: {})
        }, holdsClock: false))
    }

    private func enqueue(_ job: Outbox.Job) {
        outbox.queued.append(job)
        startNextJob()
    }

    private func startNextJob() {
        guard !outbox.running, !outbox.queued.isEmpty, !phase.isStopping else { return }
        outbox.running = true
        let job = outbox.queued.removeFirst()
        runtime.offload { [self] in
            let step = job.work()
            return { [self] in
                // A send that outlived a stop's grace: its sendmail was killed; nothing is recorded.
                guard phase != .stopped else { return }
                step.finish()
                outbox.running = false
                if let next = step.next { outbox.queued.insert(next, at: 0) }
                if phase == .draining { finishStop(killed: false) } else { startNextJob() }
            }
        }
    }

    /// One attempt, on the delivery thread: what the send consists of, then each copy not yet accepted: message,
    /// attempt record, sendmail. With replies by mail on, each owner has its own copy, recorded on its own, so a
    /// retry never resends a copy that was accepted.
    func attempt(_ delivery: Delivery, loaded: Loaded) -> AttemptResult {
        if stopRequested.load(ordering: .sequentiallyConsistent) { return (.cancelled, nil, nil) }
        let content: MailContent
        do {
            switch try MailContent.make(delivery.send, loaded: loaded, ledger: environment.ledger) {
            case .content(let found): content = found
            case .nothing(let outcome): return (outcome, nil, 0)
            }
        } catch {
            return (.storeUnavailable("the state file cannot be read: \(error)"), nil, nil)
        }
        var outcomes: [(department: String?, outcome: DeliveryOutcome)] = []
        var firstID: String?
        for copy in content.copies where !(copy.department.map(content.accepted.contains) ?? false) {
            if stopRequested.load(ordering: .sequentiallyConsistent) { return (.cancelled, firstID, content.items) }
            let (outcome, mailID) = send(copy, of: delivery, content: content, loaded: loaded)
            firstID = firstID ?? mailID
            outcomes.append((copy.department, outcome))
            if case .storeUnavailable = outcome { break }
        }
        return (DeliveryOutcome.combined(outcomes), firstID, content.items)
    }

    /// One copy: the message, the attempt record (which gives the copy its bounce address), sendmail; a department's
    /// own copy is recorded here.
    func send(_ copy: MailCopy, of delivery: Delivery, content: MailContent, loaded: Loaded) -> (DeliveryOutcome, String?) {
        let send = delivery.send, ledger = environment.ledger, now = environment.clock.now()
        var mail: OutgoingMail
        do {
            mail = try content.render(copy, delivery: delivery, loaded: loaded, now: now)
        } catch {
            return (.permanentFailure("cannot build the message: \(error)"), nil)
        }
        do {
            let id = try ledger.beginDelivery(send, department: copy.department, recipients: mail.recipients, mailID: mail.messageID, at: now)
            mail.envelopeSender = loaded.renderer.bounceAddress(copy: id) ?? mail.envelopeSender
        } catch {
            return (.storeUnavailable("the state file cannot be written, so nothing was sent: \(error)"), mail.messageID)
        }
        let outcome = loaded.transport.send(mail)
        if case .refused(let reason) = outcome {
            let reminder = send.reminder
            markRefused(mail.recipients, reason: reason, plan: reminder?.planID ?? "", task: reminder?.taskID ?? "",
                        department: copy.department, mailID: mail.messageID, at: now)
        }
        recordCopy(copy, of: delivery, outcome: outcome, mailID: mail.messageID)
        return (outcome, mail.messageID)
    }

    /// Records one department's copy of a send (alone, or in a grouped mail), so that a retry never resends a copy the
    /// transport accepted, and writes its journal line.
    func recordCopy(_ copy: MailCopy, of delivery: Delivery, outcome: DeliveryOutcome, mailID: String) {
        guard let department = copy.department, let instance = delivery.send.reminder else { return }
        let recorded: LedgerOutcome? = outcome == .sent ? .sent : (outcome.isPermanentFailure ? .failed : nil)
        if let recorded {
            do {
                try environment.ledger.record(LedgerEntry(send: delivery.send, department: department, outcome: recorded, mailID: mailID,
                                                          recordedAt: environment.clock.now(), attempts: delivery.attempt, detail: nil))
            } catch {
                logger.error("cannot record the copy of \(delivery.send.key) for \(department) as \(recorded.rawValue): \(error); a retry may resend it")
            }
        }
        logCopy(instance, department: department, recipients: copy.recipients, outcome: outcome, attempt: delivery.attempt,
                mailID: mailID)
    }

    private func logCopy(_ instance: ReminderInstance, department: String, recipients: [String], outcome: DeliveryOutcome,
                         attempt: Int, mailID: String) {
        // Built here rather than by `metadata(_:)`, which reads the serial context's plans.
        let metadata: Logger.Metadata = [
            "plan": .string(instance.planID), "task": .string(instance.taskID), "kind": .string(instance.kind.rawValue),
            "due": .string(instance.dueDay.iso), "department": .string(department), "attempt": .string("\(attempt)"),
            "recipients": .string(recipients.joined(separator: " ")), "mail_id": .string(mailID),
            "message_id": .string(outcome == .sent ? JournalMessageID.copySent : JournalMessageID.copyFailed),
        ]
        let what = outcome == .sent ? "sent to \(recipients.joined(separator: ", "))" : "not sent: \(outcome)"
        logger.log(level: outcome == .sent ? .info : .warning, "\(instance.kind.rawValue) reminder copy for \(department) \(what)",
                   metadata: metadata)
    }
}
