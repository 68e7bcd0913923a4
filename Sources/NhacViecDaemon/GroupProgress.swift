import NhacViecCore

/// How far a grouped job has gone: its sends, their mails by department, the outcome of each send's copies so far,
/// and which sends are complete and not yet handed back. It passes from one step of the job to the next.
struct GroupProgress: Sendable {
    /// The sends of one plan due at one minute.
    let group: [Delivery]
    /// The mails by department, once worked out.
    private(set) var buckets: [[Daemon.Member]]?
    private var next = 0
    private var outcomes: [String: [(department: String?, outcome: DeliveryOutcome)]] = [:]
    private var firstIDs: [String: String] = [:]
    private var items: [String: Int?] = [:]
    /// How many of each send's mails are still to go.
    private var left: [String: Int] = [:]
    private var handedBack: Set<String> = []

    /// The progress of a job that has not begun.
    init(group: [Delivery]) {
        self.group = group
    }

    /// Whether every mail is out and every send handed back.
    var isFinished: Bool { buckets != nil && next >= buckets!.count }

    /// Takes the mails by department of the sends that have something to send.
    mutating func start(_ buckets: [[Daemon.Member]], of prepared: [Delivery]) {
        self.buckets = buckets
        for bucket in buckets {
            for member in bucket {
                left[member.delivery.send.key, default: 0] += 1
                items[member.delivery.send.key] = member.content.items
            }
        }
        // A send whose copies were all accepted on an earlier attempt is in no bucket: nothing is left of it.
        for delivery in prepared where left[delivery.send.key] == nil { left[delivery.send.key] = 0 }
    }

    /// The next department's mail, if any.
    mutating func nextBucket() -> [Daemon.Member]? {
        guard let buckets, next < buckets.count else { return nil }
        defer { next += 1 }
        return buckets[next]
    }

    /// Notes the outcome of one mail for each send it lists.
    mutating func record(_ bucket: [Daemon.Member], outcome: DeliveryOutcome, mailID: String?) {
        for member in bucket {
            let key = member.delivery.send.key
            outcomes[key, default: []].append((member.copy.department, outcome))
            if let mailID, firstIDs[key] == nil { firstIDs[key] = mailID }
            left[key, default: 1] -= 1
        }
    }

    /// The sends whose mails are all out, each once, with their combined outcome.
    mutating func takeFinished() -> [(Delivery, AttemptResult)] {
        var done: [(Delivery, AttemptResult)] = []
        for delivery in group where !handedBack.contains(delivery.send.key) {
            let key = delivery.send.key
            guard let count = left[key], count == 0 else { continue }
            handedBack.insert(key)
            done.append((delivery, (DeliveryOutcome.combined(outcomes[key] ?? []), firstIDs[key], items[key] ?? nil)))
        }
        return done
    }
}
