@preconcurrency import Dispatch
import Foundation
import Logging
import NhacViecCore

extension Daemon {
    func handle(_ actions: [SchedulerAction]) {
        dispatchPrecondition(condition: .onQueue(queue))
        for action in actions {
            switch action {
            case .send(let delivery): deliver(delivery)
            case .delivered(let delivery): recordDelivered(delivery)
            case .skip(let instance, let reason): recordSkipped(instance, reason)
            case .deferred(let delivery, let retryAt, let reason):
                log(.warning, JournalMessageID.deliveryDeferred, "delivery deferred, retry at \(ISOTimestamp.string(retryAt, zone: zone(delivery.instance))): \(reason)",
                    delivery.instance, attempt: delivery.attempt, mailID: mailIDs[delivery.instance.key])
            case .failed(let delivery, let reason): recordFailed(delivery, reason)
            }
        }
    }

    /// Sends on the delivery queue: the attempt is written to the ledger before sendmail starts, so a
    /// reminder that cannot be recorded is never sent.
    func deliver(_ delivery: Delivery) {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let plan = plan(of: delivery.instance) else { return }
        let renderer = renderer, transport = transport, calendar = configuration.calendar, environment = environment
        let perDepartment = configuration.settings.replyTo != nil && delivery.instance.kind != .escalation
        inFlight.enter()
        environment.clock.deliveryStarted()
        deliveryQueue.async { [self] in
            let (outcome, mailID) = attempt(delivery, plan: plan, perDepartment: perDepartment, renderer: renderer,
                                            transport: transport, calendar: calendar)
            recordBeforeNextSend { [self] in
                if case .storeUnavailable(let reason) = outcome { storeFailed(reason) } else if outcome != .cancelled { storeWorks() }
                mailIDs[delivery.instance.key] = mailID
                handle(scheduler.complete(delivery, outcome: outcome, now: environment.clock.now()))
                mailIDs[delivery.instance.key] = nil
                arm()
                publishStatus()
                environment.clock.deliveryFinished()
                inFlight.leave()
            }
        }
    }

    /// Runs the outcome's bookkeeping on the scheduler's queue and waits for it, on the delivery queue:
    /// the next send starts only once this one is recorded, so a kill leaves at most one send unrecorded
    /// (at most one duplicate per kill). The scheduler's queue never waits for the delivery queue, so
    /// this cannot deadlock.
    func recordBeforeNextSend(_ body: @escaping @Sendable () -> Void) {
        dispatchPrecondition(condition: .onQueue(deliveryQueue))
        let recorded = DispatchSemaphore(value: 0)
        queue.async {
            body()
            recorded.signal()
        }
        recorded.wait()
    }

    /// One attempt, off the scheduler's queue: which owners still have to report, then each copy not yet
    /// accepted: message, attempt record, sendmail. With replies by mail on, each owner has its own copy,
    /// recorded on its own, so a retry never resends a copy that was accepted.
    private func attempt(_ delivery: Delivery, plan: Plan, perDepartment: Bool, renderer: any MessageRenderer,
                         transport: any MailTransport, calendar: WorkingCalendar) -> (DeliveryOutcome, String?) {
        if stopRequested.load(ordering: .sequentiallyConsistent) { return (.cancelled, nil) }
        let instance = delivery.instance, ledger = environment.ledger
        let copies: [MailCopy], accepted: Set<String>
        do {
            copies = MailCopy.copies(of: instance, in: plan, done: try ledger.doneOwners(instance.taskKey), perDepartment: perDepartment)
            accepted = perDepartment ? try ledger.acceptedCopies(instance) : []
        } catch {
            return (.storeUnavailable("the state store cannot be read: \(error)"), nil)
        }
        if copies.isEmpty { return (.taskDone, nil) }
        var outcomes: [(department: String?, outcome: DeliveryOutcome)] = []
        var firstID: String?
        for copy in copies where !(copy.department.map(accepted.contains) ?? false) {
            if stopRequested.load(ordering: .sequentiallyConsistent) { return (.cancelled, firstID) }
            let (outcome, mailID) = send(copy, of: delivery, plan: plan, renderer: renderer, transport: transport, calendar: calendar)
            firstID = firstID ?? mailID
            outcomes.append((copy.department, outcome))
            if case .storeUnavailable = outcome { break }
        }
        return (DeliveryOutcome.combined(outcomes), firstID)
    }

    /// One copy: the message, the attempt record, sendmail; a department's own copy is recorded here.
    private func send(_ copy: MailCopy, of delivery: Delivery, plan: Plan, renderer: any MessageRenderer,
                      transport: any MailTransport, calendar: WorkingCalendar) -> (DeliveryOutcome, String?) {
        let instance = delivery.instance, ledger = environment.ledger, now = environment.clock.now()
        var mail: OutgoingMail
        do {
            mail = try renderer.reminder(plan: plan, instance: instance, copy: copy, calendar: calendar, now: now, isLate: delivery.isLate)
        } catch {
            return (.permanentFailure("cannot build the message: \(error)"), nil)
        }
        do {
            let id = try ledger.beginDelivery(instance, department: copy.department, recipients: mail.recipients,
                                              mailID: mail.messageID, at: now)
            mail.envelopeSender = renderer.bounceAddress(copy: id) ?? mail.envelopeSender
        } catch {
            return (.storeUnavailable("the state store cannot be written, so the reminder was not sent: \(error)"), mail.messageID)
        }
        let outcome = transport.send(mail)
        if case .refused(let reason) = outcome {
            markRefused(mail.recipients, reason: reason, plan: instance.planID, task: instance.taskID,
                        department: copy.department, mailID: mail.messageID, at: now)
        }
        guard let department = copy.department else { return (outcome, mail.messageID) }
        let recorded: LedgerOutcome? = outcome == .sent ? .sent : (outcome.isPermanentFailure ? .failed : nil)
        if let recorded {
            do {
                try ledger.record(LedgerEntry(instance: instance, department: department, outcome: recorded, mailID: mail.messageID,
                                              recordedAt: environment.clock.now(), attempts: delivery.attempt, detail: nil))
            } catch {
                logger.error("cannot record the copy of \(instance.key) for \(department) as \(recorded.rawValue): \(error); a retry may resend it")
            }
        }
        // Built here rather than by `metadata(_:)`, which reads the scheduler queue's plans.
        let metadata: Logger.Metadata = [
            "plan": .string(instance.planID), "task": .string(instance.taskID), "kind": .string(instance.kind.rawValue),
            "due": .string(instance.dueDay.iso), "department": .string(department), "attempt": .string("\(delivery.attempt)"),
            "recipients": .string(copy.recipients.joined(separator: " ")), "mail_id": .string(mail.messageID),
            "message_id": .string(outcome == .sent ? JournalMessageID.copySent : JournalMessageID.copyFailed),
        ]
        logger.log(level: outcome == .sent ? .info : .warning,
                   "\(instance.kind.rawValue) reminder copy for \(department) \(outcome == .sent ? "sent to \(copy.recipients.joined(separator: ", "))" : "not sent: \(outcome)")",
                   metadata: metadata)
        return (outcome, mail.messageID)
    }

    func recordDelivered(_ delivery: Delivery) {
        let instance = delivery.instance
        let mailID = mailIDs[instance.key]
        write(LedgerEntry(instance: instance, outcome: .sent, mailID: mailID, recordedAt: environment.clock.now(),
                          attempts: delivery.attempt, detail: delivery.isLate ? "late" : nil))
        let id: String
        switch instance.kind {
        case .overdue: id = JournalMessageID.taskOverdue
        case .escalation: id = JournalMessageID.escalationSent
        default: id = JournalMessageID.reminderSent
        }
        let late = delivery.isLate ? " LATE (missed while the daemon was down)"
            : delivery.movedByReload ? " after its instant: a reload moved its date" : ""
        log(.info, id, "\(instance.kind.rawValue) reminder sent to \(instance.recipients.joined(separator: ", "))\(late)",
            instance, attempt: delivery.attempt, mailID: mailID)
    }

    func recordSkipped(_ instance: ReminderInstance, _ reason: SkipReason) {
        write(LedgerEntry(instance: instance, outcome: .skipped, mailID: nil, recordedAt: environment.clock.now(),
                          attempts: 0, detail: reason.rawValue))
        let why: String
        switch reason {
        case .tooLate: why = "missed by more than the catch-up limit"
        case .superseded: why = "superseded by a later reminder of the same task"
        case .taskDone: why = "the task is done"
        case .historyLost: why = "it fell due before the ledger was started afresh (--new-ledger)"
        }
        log(reason == .taskDone ? .info : .warning, JournalMessageID.reminderSkipped,
            "\(instance.kind.rawValue) reminder of \(instance.day.iso) not sent: \(why)", instance)
    }

    func recordFailed(_ delivery: Delivery, _ reason: String) {
        let instance = delivery.instance
        write(LedgerEntry(instance: instance, outcome: .failed, mailID: mailIDs[instance.key], recordedAt: environment.clock.now(),
                          attempts: delivery.attempt, detail: reason))
        log(.error, JournalMessageID.deliveryFailed, "delivery failed for good: \(reason)", instance, attempt: delivery.attempt,
            mailID: mailIDs[instance.key])
        guard let plan = plan(of: instance) else { return }
        sendToAdmins(plan: plan, what: "the failure report") { renderer, now in
            try renderer.failureReport(plan: plan, instance: instance, reason: reason, attempts: delivery.attempt, now: now)
        }
    }

    /// Builds and sends a message to a plan's admins on the delivery queue; a plan without admins gets a journal line.
    func sendToAdmins(plan: Plan, what: String, _ build: @escaping @Sendable (any MessageRenderer, Date) throws -> OutgoingMail?) {
        let renderer = renderer, transport = transport, environment = environment, logger = logger
        deliveryQueue.async {
            do {
                guard let mail = try build(renderer, environment.clock.now()) else {
                    logger.warning("plan \(plan.id) names no admin: \(what) goes to the journal only")
                    return
                }
                let outcome = transport.send(mail)
                if outcome != .sent { logger.error("\(what) to the admins of \(plan.id) could not be sent: \(outcome)") }
            } catch {
                logger.error("cannot build \(what): \(error)")
            }
        }
    }

    /// Writes to the ledger; an outcome that cannot be written is kept and written once the store works again.
    func write(_ entry: LedgerEntry) {
        dispatchPrecondition(condition: .onQueue(queue))
        if reloading { handledDuringReload.append(entry.instance) }
        do {
            try flushUnwritten()
            try environment.ledger.record(entry)
            storeWorks()
        } catch {
            unwritten.append(entry)
            storeFailed("cannot record \(entry.instance.key) as \(entry.outcome.rawValue): \(error)")
        }
    }

    /// Logs the sends that a previous process started and never recorded: each may go out twice.
    func reportInterruptedAttempts(_ keys: [String]) {
        guard !keys.isEmpty else { return }
        log(.warning, JournalMessageID.deliveryInterrupted,
            "\(keys.count) send(s) were interrupted by a crash or kill before their outcome was recorded; they are sent again, so a recipient may get one twice (at-least-once): \(keys.joined(separator: ", "))")
    }
}
