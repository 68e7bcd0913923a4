import NhacViecCore
import Testing
import TestSupport

/// How mail cites a plan and, for a petition, the Conclusion Notice (Nghị định 30/2020/NĐ-CP).
struct PlanCitationTests {
    static func plan(_ title: String, number: String? = nil, issued: String? = nil,
                     authority: String = "UBND phường Ba Đồn", keep: Bool = false) -> Plan {
        Plan(id: "p", title: title, authority: authority, number: number, issued: issued.map(Fixtures.date),
             keepsTitleCase: keep)
    }

    @Test("with a number or a date: 'Kế hoạch số … ngày … của … về SUBJECT'; without: 'Kế hoạch SUBJECT của …'",
          arguments: [
            (plan("Tổ chức Hội nghị đối thoại", number: "12/KH-UBND", issued: "2025-12-01"),
             "Kế hoạch số 12/KH-UBND ngày 01/12/2025 của UBND phường Ba Đồn về tổ chức Hội nghị đối thoại"),
            (plan("Tổ chức Hội nghị đối thoại", number: "12/KH-UBND"),
             "Kế hoạch số 12/KH-UBND của UBND phường Ba Đồn về tổ chức Hội nghị đối thoại"),
            (plan("Tổ chức Hội nghị đối thoại", issued: "2025-12-01"),
             "Kế hoạch ngày 01/12/2025 của UBND phường Ba Đồn về tổ chức Hội nghị đối thoại"),
            (plan("Tổ chức Hội nghị đối thoại"), "Kế hoạch tổ chức Hội nghị đối thoại của UBND phường Ba Đồn"),
            (plan("Tổ chức Hội nghị đối thoại", authority: ""), "Kế hoạch tổ chức Hội nghị đối thoại"),
            (plan("Kế hoạch tổ chức Hội nghị đối thoại"), "Kế hoạch tổ chức Hội nghị đối thoại của UBND phường Ba Đồn"),
            (plan("KẾ HOẠCH tổ chức Hội nghị đối thoại", number: "12/KH-UBND"),
             "Kế hoạch số 12/KH-UBND của UBND phường Ba Đồn về tổ chức Hội nghị đối thoại"),
            (plan("Kế hoạch Tổ chức Hội nghị", number: "12/KH-UBND"),
             "Kế hoạch số 12/KH-UBND của UBND phường Ba Đồn về tổ chức Hội nghị"),
            (plan("Hội nghị tiếp xúc cử tri"), "Kế hoạch hội nghị tiếp xúc cử tri của UBND phường Ba Đồn"),
            (plan("Tết Nguyên đán Bính Ngọ", keep: true), "Kế hoạch Tết Nguyên đán Bính Ngọ của UBND phường Ba Đồn"),
            (plan("UBND phường tiếp dân", number: "3/KH-UBND"),
             "Kế hoạch số 3/KH-UBND của UBND phường Ba Đồn về UBND phường tiếp dân"),
            (plan("Kế hoạch", number: "3/KH-UBND"), "Kế hoạch số 3/KH-UBND của UBND phường Ba Đồn"),
            (plan("Kế hoạchxyz"), "Kế hoạch kế hoạchxyz của UBND phường Ba Đồn"),
          ])
    func citation(plan: Plan, expected: String) {
        #expect(plan.citation == expected)
        #expect(!plan.citation.contains("về Kế hoạch") && !plan.citation.hasPrefix("Kế hoạch Kế hoạch"))
    }

    static let petition = Petition(number: 2, content: "Nạo vét mương", raisedBy: "", department: "vp",
                                   due: "conclusion + 10wd")

    static func petitionTask(due: DueRule) -> PlanTask {
        PlanTask(id: "kn-2", title: petition.title, owners: ["vp"], due: due, petition: petition)
    }

    static let afterNotice = DueRule.relative(event: "conclusion", direction: .after, offset: Offset(10, .workingDays))

    @Test("a petition cites the Conclusion Notice with what is known of it; another task cites nothing but the plan")
    func noticeCitation() {
        var plan = Self.plan("Tổ chức Hội nghị")
        let relative = Self.petitionTask(due: Self.afterNotice)
        let fixed = Self.petitionTask(due: .absolute(Fixtures.date("2026-01-30")))
        plan.events["conclusion"] = PlanEvent(date: Fixtures.date("2025-12-26"), number: "45/TB-UBND")
        #expect(plan.noticeCitation(for: relative) == "Thông báo kết luận số 45/TB-UBND ngày 26/12/2025")
        #expect(plan.noticeCitation(for: fixed) == "Thông báo kết luận số 45/TB-UBND ngày 26/12/2025",
                "a fixed deadline: the event named conclusion")
        #expect(plan.noticeCitation(for: Fixtures.task("t", due: Self.afterNotice)) == nil)
        plan.events["conclusion"]?.number = nil
        #expect(plan.noticeCitation(for: relative) == "Thông báo kết luận ngày 26/12/2025")
        plan.events["conclusion"]?.isTentative = true
        #expect(plan.noticeCitation(for: relative) == "Thông báo kết luận ngày 26/12/2025 (dự kiến)")
        plan.events["conclusion"] = PlanEvent(date: nil, number: "45/TB-UBND")
        #expect(plan.noticeCitation(for: relative) == "Thông báo kết luận số 45/TB-UBND")
        plan.events = [:]
        #expect(plan.noticeCitation(for: fixed) == "Thông báo kết luận")
    }
}
