@preconcurrency import Dispatch
import Foundation
import Logging
import NhacViecCore

extension Daemon {
    func handleDigests(_ actions: [DigestAction]) {
        dispatchPrecondition(condition: .onQueue(queue))
        for action in actions {
            switch action {
            case .send(let delivery): deliverDigest(delivery)
            case .delivered(let delivery):
                let mailID = mailIDs[delivery.instance.key]
                writeDigest(DigestEntry(instance: delivery.instance, outcome: .sent, mailID: mailID, recordedAt: environment.clock.now(),
                                        attempts: delivery.attempt, tasks: digestCounts[delivery.instance.key] ?? 0,
                                        detail: delivery.isLate ? "late" : nil))
                logDigest(.info, JournalMessageID.reminderSent,
                          "weekly digest of \(delivery.instance.week) sent to \(delivery.instance.address)\(delivery.isLate ? " LATE (missed while the daemon was down)" : "")",
                          delivery.instance, attempt: delivery.attempt, mailID: mailID)
            case .empty(let instance):
                writeDigest(DigestEntry(instance: instance, outcome: .skipped, mailID: nil, recordedAt: environment.clock.now(),
                                        attempts: 0, detail: "empty"))
                logDigest(.info, JournalMessageID.reminderSkipped,
                          "weekly digest of \(instance.week) to \(instance.address) not sent: nothing to list", instance)
            case .skip(let instance, let reason):
                writeDigest(DigestEntry(instance: instance, outcome: .skipped, mailID: nil, recordedAt: environment.clock.now(),
                                        attempts: 0, detail: reason.rawValue))
                logDigest(.warning, JournalMessageID.reminderSkipped,
                          "weekly digest of \(instance.week) to \(instance.address) not sent: \(reason.rawValue)", instance)
            case .deferred(let delivery, let retryAt, let reason):
                logDigest(.warning, JournalMessageID.deliveryDeferred,
                          "weekly digest delivery deferred, retry at \(ISOTimestamp.string(retryAt, zone: .vietnam)): \(reason)",
                          delivery.instance, attempt: delivery.attempt)
            case .failed(let delivery, let reason):
                writeDigest(DigestEntry(instance: delivery.instance, outcome: .failed, mailID: mailIDs[delivery.instance.key],
                                        recordedAt: environment.clock.now(), attempts: delivery.attempt, detail: reason))
                logDigest(.error, JournalMessageID.deliveryFailed, "weekly digest delivery failed for good: \(reason)",
                          delivery.instance, attempt: delivery.attempt)
            }
        }
    }

    /// Sends on the delivery queue: the digest's tasks are computed from the plans and the done marks read
    /// now, then the attempt is written before sendmail starts, as for a reminder. Nothing to list, nothing sent.
    func deliverDigest(_ delivery: DigestDelivery) {
        dispatchPrecondition(condition: .onQueue(queue))
        let renderer = renderer, transport = transport, calendar = configuration.calendar, environment = environment
        let plans = plans
        inFlight.enter()
        environment.clock.deliveryStarted()
        deliveryQueue.async { [self] in
            let (outcome, mailID, count) = attemptDigest(delivery, plans: plans, renderer: renderer, transport: transport,
                                                         calendar: calendar)
            recordBeforeNextSend { [self] in
                if case .storeUnavailable(let reason) = outcome { storeFailed(reason) } else if outcome != .cancelled { storeWorks() }
                mailIDs[delivery.instance.key] = mailID
                digestCounts[delivery.instance.key] = count
                handleDigests(digests.complete(delivery, outcome: outcome, now: environment.clock.now()))
                mailIDs[delivery.instance.key] = nil
                digestCounts[delivery.instance.key] = nil
                arm()
                publishStatus()
                environment.clock.deliveryFinished()
                inFlight.leave()
            }
        }
    }

    private func attemptDigest(_ delivery: DigestDelivery, plans: [Plan], renderer: any MessageRenderer, transport: any MailTransport,
                               calendar: WorkingCalendar) -> (DeliveryOutcome, String?, Int) {
        if stopRequested.load(ordering: .sequentiallyConsistent) { return (.cancelled, nil, 0) }
        let ledger = environment.ledger
        let content: DigestContent
        do {
            content = try DigestContent.make(for: delivery.instance, plans: plans, planner: ReminderPlanner(calendar: calendar),
                                             done: { try ledger.doneOwners($0) })
        } catch {
            return (.storeUnavailable("the state store cannot be read: \(error)"), nil, 0)
        }
        if content.taskCount == 0 { return (.taskDone, nil, 0) }
        let now = environment.clock.now()
        var mail: OutgoingMail
        do {
            mail = try renderer.digest(content, calendar: calendar, now: now, isLate: delivery.isLate)
        } catch {
            return (.permanentFailure("cannot build the digest: \(error)"), nil, content.taskCount)
        }
        do {
            let id = try ledger.beginDigest(delivery.instance, mailID: mail.messageID, at: now)
            mail.envelopeSender = renderer.bounceAddress(copy: id) ?? mail.envelopeSender
        } catch {
            return (.storeUnavailable("the state store cannot be written, so the digest was not sent: \(error)"), mail.messageID,
                    content.taskCount)
        }
        let outcome = transport.send(mail)
        if case .refused(let reason) = outcome {
            markRefused(mail.recipients, reason: reason, plan: "", task: "", department: nil, mailID: mail.messageID, at: now)
        }
        return (outcome, mail.messageID, content.taskCount)
    }

    /// Writes a digest's outcome; one that cannot be written pauses sending like a reminder's, and is logged.
    func writeDigest(_ entry: DigestEntry) {
        dispatchPrecondition(condition: .onQueue(queue))
        do {
            try environment.ledger.recordDigest(entry)
        } catch {
            storeFailed("cannot record \(entry.instance.key) as \(entry.outcome.rawValue): \(error)")
        }
    }

    func logDigest(_ level: Logger.Level, _ messageID: String, _ message: String, _ instance: DigestInstance, attempt: Int? = nil,
                   mailID: String? = nil, file: String = #fileID, function: String = #function, line: UInt = #line) {
        var metadata: Logger.Metadata = [
            "kind": "digest", "digest": .string(instance.key), "recipients": .string(instance.address),
            "message_id": .string(messageID),
        ]
        if let attempt { metadata["attempt"] = .string("\(attempt)") }
        if let mailID { metadata["mail_id"] = .string(mailID) }
        logger.log(level: level, "\(message)", metadata: metadata, file: file, function: function, line: line)
    }
}
