import Foundation

/// The digest streams: one per address on a weekly digest, after the reminder streams.
struct DigestStreams: Sendable {
    /// The number of the first digest stream (the count of reminder streams).
    var base: Int32 = 0
    /// The addresses on a digest, sorted; stream `base + d` is `addresses[d]`'s.
    var addresses: [String] = []
    var slots: [DigestSlot] = []
    var index: [String: Int32] = [:]

    /// The digests of the plans, numbered from `base`.
    init(plans: [Plan] = [], base: Int32 = 0) {
        self.base = base
        let roster = DigestRoster.slots(of: plans)
        addresses = roster.map(\.address)
        slots = roster.map(\.slot)
        for (d, address) in addresses.enumerated() { index[address] = base + Int32(d) }
    }
}

extension Scheduler {
    /// The addresses on a digest, sorted.
    public var digestRecipients: [String] { digests.addresses }

    /// The address's next digest still to come (nil while one is being sent, or when it is on no digest).
    public func nextDigest(of address: String) -> DigestInstance? {
        guard let s = digestStream(of: address), !streams[Int(s)].nextAt.isNaN else { return nil }
        return nextDigest(s, cursor: streams[Int(s)].cursor, now: Date(timeIntervalSince1970: streams[Int(s)].nextAt))
    }

    /// The stream of an address's digest, if the address is still on one.
    func digestStream(of address: String) -> Int32? { digests.index[address] }

    /// The digest of the latest slot at or before `now`, when its week is after the cursor: the one missed or
    /// due now (any earlier missed week is superseded and left unrecorded).
    func missedDigest(_ s: Int32, cursor: Int32, now: Date) -> DigestInstance? {
        let monday = digests.slots[Int(s - digests.base)].latestWeek(atOrBefore: now, calendar: planner.calendar)
        guard Int32(monday.julianDay) > cursor else { return nil }
        return digest(s, week: monday)
    }

    /// The first week's digest after the week last handled.
    func nextDigest(_ s: Int32, cursor: Int32, now: Date) -> DigestInstance? {
        let slot = digests.slots[Int(s - digests.base)]
        let monday = cursor == Stream.noDay ? slot.latestWeek(atOrBefore: now, calendar: planner.calendar)
            : LocalDate(julianDay: Int(cursor)).adding(days: 7)
        return digest(s, week: monday)
    }

    /// The digest of stream `s` for the week starting on `monday`, on its working day.
    private func digest(_ s: Int32, week monday: LocalDate) -> DigestInstance {
        let d = Int(s - digests.base), slot = digests.slots[d]
        let day = slot.sendDay(inWeekOf: monday, calendar: planner.calendar)
        return DigestInstance(address: digests.addresses[d], day: day, at: slot.instant(on: day), zone: slot.zone,
                              week: ISOWeek(monday))
    }

    /// Each digest stream's cursor from the weeks the ledger holds as handled.
    mutating func readDigestHistory(_ records: [TaskKey: TaskRecord]) {
        for (d, address) in digests.addresses.enumerated() {
            let s = Int(digests.base) + d
            for key in records[TaskKey.digest(address)]?.handledKeys ?? [] {
                guard let parsed = DigestInstance.parse(key: key) else { continue }
                streams[s].cursor = max(streams[s].cursor, Int32(Self.monday(of: parsed.week).julianDay))
            }
        }
    }

    /// Schedules every digest stream; one the ledger has never seen starts with its next slot, since nothing of it
    /// was missed (had the daemon been down over its very first slot, that one week is not caught up).
    mutating func scheduleDigests(now: Date) {
        for d in digests.addresses.indices {
            let s = digests.base + Int32(d)
            guard inFlight[s] == nil else { continue }
            if let retry = retries[s] {
                streams[Int(s)].cursor = max(streams[Int(s)].cursor, ordinal(of: retry.delivery.send))
            }
            if streams[Int(s)].cursor == Stream.noDay {
                streams[Int(s)].cursor = Int32(digests.slots[d].latestWeek(atOrBefore: now, calendar: planner.calendar).julianDay)
            }
            schedule(s, now: now)
        }
    }

    static func monday(of week: ISOWeek) -> LocalDate {
        // 4 January is always in week 1.
        let january4 = LocalDate(year: week.year, month: 1, day: 4)!
        return ISOWeek.monday(of: january4).adding(days: 7 * (week.week - 1))
    }
}
