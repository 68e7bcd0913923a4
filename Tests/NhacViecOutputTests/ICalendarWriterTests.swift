import Foundation
import NhacViecCore
import NhacViecOutput
import Testing
import TestSupport

/// The calendar export: the model the core builds and the RFC 5545 text the writer makes of it.
struct ICalendarWriterTests {
    let calendar = WorkingCalendar()
    let stamp = Fixtures.instant("2025-11-20T09:15")

    /// Physical lines of a rendered calendar, CRLF removed.
    func physicalLines(_ text: String) -> [String] {
        var lines = text.components(separatedBy: "\r\n")
        #expect(lines.last == "")
        lines.removeLast()
        return lines
    }

    /// Content lines after unfolding (RFC 5545 3.1: a CRLF followed by one space or tab is removed).
    func contentLines(_ text: String) -> [String] {
        var result: [String] = []
        for line in physicalLines(text) {
            if line.hasPrefix(" ") || line.hasPrefix("\t") { result[result.count - 1] += line.dropFirst() } else { result.append(line) }
        }
        return result
    }

    /// The events of a rendered calendar: each one's content lines.
    func events(_ text: String) -> [[String]] {
        var result: [[String]] = []
        var current: [String]?
        for line in contentLines(text) {
            if line == "BEGIN:VEVENT" { current = [] } else if line == "END:VEVENT" {
                result.append(current!)
                current = nil
            } else { current?.append(line) }
        }
        return result
    }

    func value(_ name: String, in event: [String]) -> String? {
        event.first { $0.hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)) }
    }

    func event(_ uid: String, in text: String) -> [String]? { events(text).first { value("UID", in: $0) == uid } }

    func render(_ plan: Plan, department: String? = nil, completions: [TaskKey: [Completion]] = [:], replies: Bool = false) -> String {
        let builder = TaskCalendarBuilder(calendar: calendar, repliesByMail: replies)
        return ICalendarWriter.render(builder.calendar(for: plan, department: department, completions: completions), stamp: stamp)
    }

    @Test("a content line of exactly 75 octets stays whole; one more octet folds it")
    func foldAtSeventyFive() {
        let exact = "SUMMARY:" + String(repeating: "a", count: 67)
        #expect(ICalendarWriter.fold(exact) == exact + "\r\n")
        let longer = exact + "b"
        #expect(ICalendarWriter.fold(longer) == exact + "\r\n b\r\n")
    }

    @Test("folding never splits a UTF-8 sequence: a Vietnamese letter across octet 75 moves whole to the next line")
    func foldKeepsSequences() {
        // 8 + 66 = 74 octets, then "ệ" (E1 BB 87) would straddle octets 75-77.
        let line = "SUMMARY:" + String(repeating: "a", count: 66) + "ệ"
        #expect(ICalendarWriter.fold(line) == "SUMMARY:" + String(repeating: "a", count: 66) + "\r\n ệ\r\n")
        let title = String(repeating: "Tham mưu ban hành Thông báo kết luận Hội nghị tiếp xúc, đối thoại; ", count: 6)
        let folded = ICalendarWriter.fold("SUMMARY:" + ICalendarWriter.escape(title))
        let lines = physicalLines(folded)
        #expect(lines.count > 5)
        for line in lines {
            #expect(line.utf8.count <= 75)
            #expect(String(validating: Array(line.utf8), as: UTF8.self) != nil)
        }
        // Every line but the last is full, or ends where the next multi-octet letter would not fit.
        for (line, next) in zip(lines, lines.dropFirst()) {
            let room = 75 - line.utf8.count
            #expect(room == 0 || next.dropFirst().utf8.prefix(room + 1).first.map { $0 >= 0xC0 } == true)
        }
        #expect(contentLines(folded) == ["SUMMARY:" + ICalendarWriter.escape(title)])
    }

    @Test("TEXT escapes backslash, semicolon, comma and line breaks; other control characters become spaces")
    func escaping() {
        #expect(ICalendarWriter.escape("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng")
        #expect(ICalendarWriter.escape("Phòng Kinh tế, Hạ tầng\u{07}\tx") == "Phòng Kinh tế\\, Hạ tầng \tx")
    }

    @Test("triggers count whole days back to the reminder's day, less the send-at time")
    func triggers() {
        #expect(ICalendarWriter.trigger(minutesBefore: 3 * 1440 - 450) == "-P2DT16H30M")
        #expect(ICalendarWriter.trigger(minutesBefore: 1440 - 450) == "-PT16H30M")
        #expect(ICalendarWriter.trigger(minutesBefore: 5 * 1440) == "-P5D")
        #expect(ICalendarWriter.trigger(minutesBefore: 2 * 1440 - 420) == "-P1DT17H")
        #expect(ICalendarWriter.trigger(minutesBefore: 1) == "-PT1M")
    }

    @Test("one all-day event per task on its due day, CRLF only, with a stable UID, the rule in words and the plan")
    func allDayEvent() {
        let plan = Fixtures.plan(tasks: [
            Fixtures.task("giay-moi", due: .relative(event: "conference", direction: .before, offset: Offset(7, .days)),
                          remind: [Offset(3, .workingDays), Offset(1, .workingDays), Offset(0, .days)]),
        ])
        let text = render(plan)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        let lines = contentLines(text)
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
        #expect(lines.contains("VERSION:2.0"))
        #expect(lines.contains("X-WR-CALNAME:Kế hoạch thử"))
        #expect(lines.contains("X-WR-TIMEZONE:Asia/Ho_Chi_Minh"))
        guard let event = event("p/giay-moi@nhacviec", in: text) else {
            Issue.record("no event in \(text)")
            return
        }
        // 19/12/2025 (Friday) - 7 days = Friday 12/12.
        #expect(value("DTSTART;VALUE=DATE", in: event) == "20251212")
        #expect(value("DTEND;VALUE=DATE", in: event) == "20251213")
        #expect(value("SUMMARY", in: event) == "Việc giay-moi")
        #expect(value("STATUS", in: event) == "CONFIRMED")
        #expect(value("DTSTAMP", in: event) == "20251120T021500Z")
        #expect(value("X-NHACVIEC-DONE", in: event) == "FALSE")
        #expect(value("TRANSP", in: event) == "TRANSPARENT")
        #expect(value("X-MICROSOFT-CDO-BUSYSTATUS", in: event) == "FREE")
        let description = value("DESCRIPTION", in: event) ?? ""
        #expect(description.contains("Đơn vị thực hiện: Phòng vp"))
        #expect(description.contains("Hạn: chậm nhất thứ Sáu\\, ngày 12/12/2025 (trước 7 ngày tính đến ngày 19/12/2025)"))
        #expect(description.contains("\\nKế hoạch: Kế hoạch thử (UBND phường)"))
        #expect(!description.contains("Đã hoàn thành"))
        // Two advance reminders: 3 working days before Friday 12/12 is Tuesday 09/12, 1 is Thursday 11/12; 07:30.
        #expect(event.filter { $0.hasPrefix("TRIGGER:") } == ["TRIGGER:-P2DT16H30M", "TRIGGER:-PT16H30M"])
        #expect(event.filter { $0 == "ACTION:DISPLAY" }.count == 2)
        // Stable: another export later gives the same UIDs.
        let again = ICalendarWriter.render(TaskCalendarBuilder(calendar: calendar, repliesByMail: false)
            .calendar(for: plan, department: nil, completions: [:]), stamp: stamp.addingTimeInterval(86400 * 3))
        #expect(events(again).map { value("UID", in: $0) } == events(text).map { value("UID", in: $0) })
        #expect(TaskCalendarBuilder.uid(plan: "p", task: "giay-moi", department: "vp") == "p/giay-moi/vp@nhacviec")
    }

    @Test("working-day offsets over a weekend give exact alarm days; the rule says working days and the shift")
    func workingDayAlarms() {
        let plan = Fixtures.plan(tasks: [
            // 19/12/2025 + 3wd = Wednesday 24/12; reminders 2wd before = Monday 22/12, 1wd = Tuesday 23/12.
            Fixtures.task("a", due: .relative(event: "conference", direction: .after, offset: Offset(3, .workingDays)),
                          remind: [Offset(2, .workingDays), Offset(1, .workingDays), Offset(0, .days)]),
            // 19/12/2025 + 1d = Saturday 20/12: moved later to Monday 22/12; 1wd before = Friday 19/12.
            Fixtures.task("b", due: .relative(event: "conference", direction: .after, offset: Offset(1, .days)),
                          remind: [Offset(1, .workingDays)]),
        ])
        let text = render(plan)
        let a = event("p/a@nhacviec", in: text)!, b = event("p/b@nhacviec", in: text)!
        #expect(value("DTSTART;VALUE=DATE", in: a) == "20251224")
        #expect(a.filter { $0.hasPrefix("TRIGGER:") } == ["TRIGGER:-P1DT16H30M", "TRIGGER:-PT16H30M"])
        #expect(value("DESCRIPTION", in: a)?.contains("ngày 24/12/2025 (trong thời hạn 3 ngày làm việc kể từ ngày 19/12/2025)") == true)
        #expect(value("DTSTART;VALUE=DATE", in: b) == "20251222")
        #expect(b.filter { $0.hasPrefix("TRIGGER:") } == ["TRIGGER:-P2DT16H30M"])
        #expect(value("DESCRIPTION", in: b)?.contains("ngày 22/12/2025 (trong thời hạn 1 ngày kể từ ngày 19/12/2025)\\; thứ Bảy 20/12/2025 không phải ngày làm việc nên chuyển sang ngày làm việc sau đó") == true)
    }

    @Test("a date that depends on a tentative event is TENTATIVE; a task waiting for a tbd event has no event")
    func tentativeAndWaiting() {
        var plan = Fixtures.plan(tasks: [
            Fixtures.task("du-kien", due: .relative(event: "conference", direction: .before, offset: Offset(2, .workingDays))),
            Fixtures.task("co-dinh", due: .absolute(Fixtures.date("2025-12-30"))),
            Fixtures.task("cho", due: .relative(event: "conclusion", direction: .after, offset: Offset(15, .workingDays))),
        ])
        plan.events["conference"]?.isTentative = true
        let text = render(plan)
        #expect(value("STATUS", in: event("p/du-kien@nhacviec", in: text)!) == "TENTATIVE")
        #expect(value("CATEGORIES", in: event("p/du-kien@nhacviec", in: text)!) == "Dự kiến")
        #expect(value("DESCRIPTION", in: event("p/du-kien@nhacviec", in: text)!)?.contains("(dự kiến\\, trước 2 ngày làm việc tính đến ngày 19/12/2025)") == true)
        #expect(value("STATUS", in: event("p/co-dinh@nhacviec", in: text)!) == "CONFIRMED")
        #expect(event("p/cho@nhacviec", in: text) == nil)
        #expect(events(text).count == 2)
        #expect(!text.contains("cho@"))
    }

    @Test("done is a department's own mark in its calendar, and every owner's in the plan's; done events have no alarms")
    func doneMarks() {
        var task = Fixtures.task("to-chuc", due: .absolute(Fixtures.date("2025-12-19")), remind: [Offset(1, .workingDays), Offset(0, .days)])
        task.owners = ["vp", "lanh-dao"]
        let plan = Fixtures.plan(tasks: [task])
        let key = TaskKey(planID: "p", taskID: "to-chuc")
        let vpDone = Completion(task: key, department: "vp", doneAt: Fixtures.instant("2025-12-18T10:00"), doneBy: "Lan",
                                note: nil, ref: "45/UBND-VP")
        let partly = [key: [vpDone]]

        let vp = event("p/to-chuc/vp@nhacviec", in: render(plan, department: "vp", completions: partly))!
        #expect(value("SUMMARY", in: vp) == "✓ Việc to-chuc")
        #expect(value("X-NHACVIEC-DONE", in: vp) == "TRUE")
        #expect(value("CATEGORIES", in: vp) == "Hoàn thành")
        #expect(value("STATUS", in: vp) == "CONFIRMED")
        #expect(!vp.contains("BEGIN:VALARM"))
        #expect(value("DESCRIPTION", in: vp)?.contains("Đã hoàn thành ngày 18/12/2025\\, báo cáo bởi Lan\\, văn bản số 45/UBND-VP.") == true)

        let leader = event("p/to-chuc/lanh-dao@nhacviec", in: render(plan, department: "lanh-dao", completions: partly))!
        #expect(value("SUMMARY", in: leader) == "Việc to-chuc")
        #expect(value("X-NHACVIEC-DONE", in: leader) == "FALSE")
        #expect(leader.contains("BEGIN:VALARM"))

        let whole = event("p/to-chuc@nhacviec", in: render(plan, completions: partly))!
        #expect(value("SUMMARY", in: whole) == "Việc to-chuc")
        #expect(value("DESCRIPTION", in: whole)?.contains("Phòng vp (đã hoàn thành)\\; Phòng lanh-dao") == true)

        let both = [key: [vpDone, Completion(task: key, department: "lanh-dao", doneAt: Fixtures.instant("2025-12-19T08:00"),
                                             doneBy: nil, note: nil)]]
        let done = event("p/to-chuc@nhacviec", in: render(plan, completions: both))!
        #expect(value("SUMMARY", in: done) == "✓ Việc to-chuc")
        #expect(value("X-NHACVIEC-DONE", in: done) == "TRUE")
        #expect(!done.contains("BEGIN:VALARM"))

        // `done` without --department marks every owner.
        let everyone = [key: [Completion(task: key, doneAt: Fixtures.instant("2025-12-19T08:00"), doneBy: "vp", note: "xong")]]
        #expect(value("SUMMARY", in: event("p/to-chuc/lanh-dao@nhacviec", in: render(plan, department: "lanh-dao", completions: everyone))!)
                == "✓ Việc to-chuc")
    }

    @Test("a department's calendar holds only the tasks it owns; with replies on, the description says how to report")
    func departmentShare() {
        var shared = Fixtures.task("chung", due: .absolute(Fixtures.date("2025-12-22")))
        shared.owners = ["vp", "lanh-dao"]
        let plan = Fixtures.plan(tasks: [Fixtures.task("rieng", due: .absolute(Fixtures.date("2025-12-23"))), shared])
        let builder = TaskCalendarBuilder(calendar: calendar, repliesByMail: true)
        let calendars = builder.calendars(for: plan, completions: [:])
        #expect(calendars.map(\.fileName) == ["p.ics", "p.vp.ics", "p.lanh-dao.ics"])
        #expect(calendars.map { $0.entries.map(\.task.taskID) } == [["rieng", "chung"], ["rieng", "chung"], ["chung"]])
        let text = ICalendarWriter.render(calendars[2], stamp: stamp)
        #expect(contentLines(text).contains("X-WR-CALNAME:Phòng lanh-dao: Kế hoạch thử"))
        let event = event("p/chung/lanh-dao@nhacviec", in: text)!
        #expect(value("X-NHACVIEC-DEPARTMENT", in: event) == "lanh-dao")
        let description = value("DESCRIPTION", in: event) ?? ""
        #expect(description.hasPrefix("Đơn vị: Phòng lanh-dao\\nCùng thực hiện: Phòng vp\\n"))
        #expect(description.contains("trả lời thư nhắc việc của nhiệm vụ này với nội dung \"Đã hoàn thành\""))
    }
}
