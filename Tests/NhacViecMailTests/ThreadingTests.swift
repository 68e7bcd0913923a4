import Foundation
import NhacViecCore
import NhacViecMail
import Testing
import TestSupport

/// Message-IDs that stay the same across retries and thread every reminder of a task together.
struct ThreadingTests {
    @Test("the same instance always gets the same Message-ID, in the header and in OutgoingMail")
    func stableMessageID() throws {
        let instance = BaDonMail.instance(.advance, "2025-12-05")
        let first = try BaDonMail.render(instance)
        let retry = try BaDonMail.render(instance, now: instance.at.addingTimeInterval(600), isLate: true)
        #expect(first.messageID == "<advance.20251205.giay-moi.ba-don-2025@badon.example.gov.vn>")
        #expect(retry.messageID == first.messageID)
        #expect(ParsedMessage(first.data)["Message-ID"] == first.messageID)
    }

    @Test("reminders of different kinds or days get different Message-IDs")
    func distinctMessageIDs() throws {
        let ids = try BaDonMail.instances().map { try BaDonMail.render($0).messageID }
        #expect(ids.count == 7)
        #expect(Set(ids).count == ids.count)
        // Overdue and escalation on the same day differ only by kind.
        #expect(try BaDonMail.render(BaDonMail.instance(.overdue, "2025-12-15")).messageID
                != BaDonMail.render(BaDonMail.instance(.escalation, "2025-12-15")).messageID)
    }

    @Test("every reminder of a task, the first included, replies to the task's thread root")
    func threadRoot() throws {
        for instance in BaDonMail.instances() {
            let message = ParsedMessage(try BaDonMail.render(instance).data)
            #expect(message["In-Reply-To"] == "<giay-moi.ba-don-2025@badon.example.gov.vn>")
            #expect(message["References"] == "<giay-moi.ba-don-2025@badon.example.gov.vn>")
        }
        let other = ParsedMessage(try BaDonMail.render(BaDonMail.instance(.due, "2025-12-19", of: BaDonMail.answers)).data)
        #expect(other["In-Reply-To"] == "<tham-du-giai-dap.ba-don-2025@badon.example.gov.vn>")
    }

    @Test("the Date header is RFC 5322 in the plan's zone with English names")
    func dateHeader() throws {
        let message = ParsedMessage(try BaDonMail.render(BaDonMail.instance(.due, "2025-12-12")).data)
        #expect(message["Date"] == "Fri, 12 Dec 2025 07:30:00 +0700")
        var plan = BaDonMail.plan
        plan.timeZone = TimeZone(identifier: "America/St_Johns")!
        let instance = BaDonMail.instance(.due, "2025-12-12")
        let elsewhere = try BaDonMail.mailer.render(plan: plan, instance: instance, calendar: BaDonMail.calendar,
                                                    now: instance.at, isLate: false)
        // 00:30 UTC on 12/12 is 21:00 the evening before at -03:30.
        #expect(ParsedMessage(elsewhere.data)["Date"] == "Thu, 11 Dec 2025 21:00:00 -0330")
    }
}
