import Foundation
import Logging
import NhacViecCore

extension Daemon {
    /// The sends of a batch in jobs: the reminders (not escalations) of one plan due at the same instant in one job,
    /// since a department must get one mail for them; every other send alone. Order is kept.
    static func groups(of batch: [Delivery]) -> [[Delivery]] {
        var groups: [[Delivery]] = []
        var index: [String: Int] = [:]
        for delivery in batch {
            guard case .reminder(let instance) = delivery.send, instance.kind != .escalation else {
                groups.append([delivery])
                continue
            }
            let key = "\(instance.planID)@\(instance.at.timeIntervalSince1970)"
            if let found = index[key] { groups[found].append(delivery) } else {
                index[key] = groups.count
                groups.append([delivery])
            }
        }
        return groups
    }

    /// The sends of one plan due at one minute, as a chain of jobs on the delivery thread: the first works out each
    /// send's copies, each next one sends one department's mail (grouped when it lists several items, the usual
    /// single reminder when one) and hands back the sends whose last mail that was, so that each is recorded before
    /// the next mail starts. Each send's outcome combines those of its copies.
    func groupJob(_ progress: GroupProgress, loaded: Loaded) -> Outbox.Job {
        Outbox.Job(work: { [self] in
            var progress = progress
            let done = progress.buckets == nil ? prepare(&progress, loaded: loaded) : sendNextBucket(&progress, loaded: loaded)
            let last = progress.isFinished
            var step = Outbox.Step(finish: { [self] in finished(done, last: last) })
            if !last { step.next = groupJob(progress, loaded: loaded) }
            return step
        }, holdsClock: true)
    }

    /// Works out what each send of the group consists of and its mails by department; returns the sends with nothing
    /// to send.
    private func prepare(_ progress: inout GroupProgress, loaded: Loaded) -> [(Delivery, AttemptResult)] {
        var done: [(Delivery, AttemptResult)] = []
        var prepared: [(delivery: Delivery, content: MailContent)] = []
        for delivery in progress.group {
            if stopRequested.load(ordering: .sequentiallyConsistent) {
                done.append((delivery, (.cancelled, nil, nil)))
                continue
            }
            do {
                switch try MailContent.make(delivery.send, loaded: loaded, ledger: environment.ledger) {
                case .content(let content): prepared.append((delivery, content))
                case .nothing(let outcome): done.append((delivery, (outcome, nil, 0)))
                }
            } catch {
                done.append((delivery, (.storeUnavailable("the state file cannot be read: \(error)"), nil, nil)))
            }
        }
        progress.start(Self.buckets(prepared), of: prepared.map(\.delivery))
        return done + progress.takeFinished()
    }

    /// Sends the next department's mail; returns the sends it was the last mail of.
    private func sendNextBucket(_ progress: inout GroupProgress, loaded: Loaded) -> [(Delivery, AttemptResult)] {
        guard let bucket = progress.nextBucket() else { return [] }
        let cancelled = stopRequested.load(ordering: .sequentiallyConsistent)
        let (outcome, mailID): (DeliveryOutcome, String?) = cancelled ? (.cancelled, nil)
            : bucket.count == 1 ? send(bucket[0].copy, of: bucket[0].delivery, content: bucket[0].content, loaded: loaded)
            : sendGrouped(bucket, loaded: loaded)
        progress.record(bucket, outcome: outcome, mailID: mailID)
        return progress.takeFinished()
    }

    typealias Member = (delivery: Delivery, content: MailContent, copy: MailCopy)

    /// The copies still to send, by department (or, without per-department copies, by their recipients), in order.
    static func buckets(_ prepared: [(delivery: Delivery, content: MailContent)]) -> [[Member]] {
        var buckets: [[Member]] = []
        var index: [String: Int] = [:]
        for (delivery, content) in prepared {
            for copy in content.copies where !(copy.department.map(content.accepted.contains) ?? false) {
                let key = copy.department ?? copy.recipients.sorted().joined(separator: " ")
                if let found = index[key] { buckets[found].append((delivery, content, copy)) } else {
                    index[key] = buckets.count
                    buckets.append([(delivery, content, copy)])
                }
            }
        }
        return buckets
    }

    /// One grouped mail: its copy id (attempt rows for every item) first, since its reply address names it, then the
    /// message, then sendmail; each item's department copy is recorded as a single one would be.
    private func sendGrouped(_ members: [Member], loaded: Loaded) -> (DeliveryOutcome, String?) {
        guard case .reminder(let first) = members[0].delivery.send, let plan = loaded.plansByID[first.planID] else {
            return (.permanentFailure("the grouped mail's plan is gone"), nil)
        }
        let copy = members[0].copy, now = environment.clock.now(), ledger = environment.ledger
        let items = members.enumerated().compactMap { offset, member -> GroupedItem? in
            guard let instance = member.delivery.send.reminder, let task = plan.task(instance.taskID, calendar: loaded.configuration.calendar) else { return nil }
            let petition = Petition.number(ofTaskID: task.id)
            return GroupedItem(instance: instance, task: task, number: petition ?? offset + 1, isPetition: petition != nil)
        }
        let department = copy.groupOwner
        let mailID = loaded.renderer.groupMessageID(plan: plan, department: department, now: now)
        let id: Int64
        do {
            id = try ledger.beginGroupDelivery(zip(members, items).map { (.reminder($1.instance), $1.number) },
                                               department: copy.department, recipients: copy.recipients, mailID: mailID, at: now)
        } catch {
            return (.storeUnavailable("the state file cannot be written, so nothing was sent: \(error)"), mailID)
        }
        var mail: OutgoingMail
        do {
            mail = try loaded.renderer.groupedReminder(plan: plan, items: items, copy: copy, copyID: id,
                                                       calendar: loaded.configuration.calendar, now: now,
                                                       isLate: members.contains { $0.delivery.isLate })
        } catch {
            return (.permanentFailure("cannot build the grouped message: \(error)"), mailID)
        }
        mail.envelopeSender = loaded.renderer.bounceAddress(copy: id) ?? mail.envelopeSender
        let outcome = loaded.transport.send(mail)
        if case .refused(let reason) = outcome {
            markRefused(mail.recipients, reason: reason, plan: plan.id, task: "", department: copy.department,
                        mailID: mail.messageID, at: now)
        }
        for member in members { recordCopy(member.copy, of: member.delivery, outcome: outcome, mailID: mail.messageID) }
        logger.log(level: outcome == .sent ? .info : .warning,
                   "one mail to \(department) for \(members.count) reminders of \(plan.id): \(outcome == .sent ? "sent" : "not sent: \(outcome)")",
                   metadata: ["plan": .string(plan.id), "department": .string(department), "mail_id": .string(mail.messageID),
                              "recipients": .string(mail.recipients.joined(separator: " "))])
        return (outcome, mail.messageID)
    }
}
