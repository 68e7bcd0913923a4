import NhacViecCore
import Testing
@testable import NhacViecInbound

/// The rule of what counts as done (docs/operations.md, "What counts as done"), on whole reply bodies as
/// departments write them: top-posted above the quoted reminder, bottom-posted below it, above Outlook's
/// unquoted original, with and without diacritics, with and without a signature.
struct DoneRuleTests {
    /// How the reply is laid out around its own text.
    enum Layout: String, CustomStringConvertible {
        /// Only the own text.
        case alone
        /// Above Gmail's Vietnamese attribution and the `>`-quoted reminder.
        case top
        /// Above Thunderbird's English attribution and the quoted reminder, after an iPhone footer.
        case phone
        /// Below the attribution and the quoted reminder.
        case bottom
        /// Above Outlook's separator, header block and unquoted reminder.
        case outlook

        var description: String { rawValue }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let own: String
        let layout: Layout
        let expected: ReplyReading

        var testDescription: String { "\(layout): \(own.prefix(60))" }
    }

    /// The reminder as the daemon writes it, with everything that must never be read from a reply: a document
    /// number and date, the phrase "Đã hoàn thành", a question.
    static let reminder = """
        Kính gửi: Phòng Tư pháp

        Thực hiện Kế hoạch số 123/KH-UBND ngày 01/12/2025 của UBND phường, đề nghị Phòng thực hiện nhiệm vụ \
        gửi báo cáo kết quả rà soát hồ sơ.
        - Thời hạn: thứ Sáu, ngày 12/12/2025.
        Đơn vị đã hoàn thành chưa? Khi hoàn thành, đề nghị trả lời thư này với nội dung "Đã hoàn thành".

        Trân trọng./.

        --\u{20}
        Đây là thư tự động của hệ thống nhắc việc nhacviec, không phải văn bản chính thức.
        """

    static var quoted: String {
        reminder.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? ">" : "> " + $0 }
            .joined(separator: "\n")
    }

    /// The whole body of a reply whose own text is `own`, laid out as `layout` says.
    static func body(_ own: String, _ layout: Layout) -> String {
        let gmail = "Vào Th 6, 12 thg 12, 2025 lúc 07:30 Nhắc việc <\n"
            + "nhacviec+k5tq3wzx7mfa2hbd@badon.example.gov.vn> đã viết:"
        switch layout {
        case .alone: return own
        case .top: return own + "\n\n" + gmail + "\n" + quoted + "\n"
        case .phone:
            return own + "\n\nSent from my iPhone\n\n"
                + "> On Dec 12, 2025, at 07:30, Nhắc việc <nhacviec@badon.example.gov.vn> wrote:\n" + quoted + "\n"
        case .bottom: return "On 12/12/2025 07:30, Nhắc việc wrote:\n" + quoted + "\n\n" + own + "\n"
        case .outlook:
            return own + "\n\n________________________________\nFrom: Nhắc việc <nhacviec@badon.example.gov.vn>\n"
                + "Sent: Friday, December 12, 2025 7:30 AM\nTo: Phòng Tư pháp\n"
                + "Subject: [Nhắc việc] Gửi báo cáo\n\n" + reminder
        }
    }

    static func done(_ note: String? = nil, ref: String? = nil, date: LocalDate? = nil) -> ReplyReading {
        .completion(note: note, ref: ref, date: date)
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDate? {
        LocalDate(year: year, month: month, day: day)
    }

    /// Exchange's out-of-office notice as one department's server sent it, without `Auto-Submitted`.
    static let outOfOffice = "Xong đợt tập huấn, tôi sẽ trả lời anh/chị. "
        + "Việc gấp xin liên hệ đồng chí Phó trưởng phòng."

    static let signature = "\n\nTrân trọng,\nNguyễn Thị Hà\nPhó Trưởng phòng Tư pháp\nĐT: 0232 3512 345"

    static let cases: [Case] = [
        // Plain reports of completion.
        Case(own: "Xong.", layout: .top, expected: done()),
        Case(own: "Đã xong ạ.", layout: .top, expected: done()),
        Case(own: "Xong", layout: .phone, expected: done()),
        Case(own: "Đã hoàn thành", layout: .outlook, expected: done()),
        Case(own: "Đã hoàn thành.", layout: .bottom, expected: done()),
        Case(own: "da hoan thanh", layout: .top, expected: done()),
        Case(own: "xong roi a", layout: .phone, expected: done()),
        Case(own: "Da xong", layout: .bottom, expected: done()),
        Case(own: "DA HOAN THANH!", layout: .outlook, expected: done()),
        Case(own: "Dạ, em đã hoàn thành ạ.", layout: .top, expected: done()),
        Case(own: "Vâng, bên em xong rồi ạ.", layout: .phone, expected: done()),
        Case(own: "Xong rồi anh nhé", layout: .top, expected: done()),
        Case(own: "OK xong", layout: .alone, expected: done()),
        Case(own: "Hoàn tất.", layout: .outlook, expected: done()),
        Case(own: "Đã thực hiện xong.", layout: .top, expected: done()),
        Case(own: "Đơn vị đã hoàn thành ạ", layout: .bottom, expected: done()),
        Case(own: "Vâng ạ, đã xong.", layout: .phone, expected: done()),
        Case(own: "Báo cáo anh, đơn vị em đã hoàn thành ạ.", layout: .outlook, expected: done()),
        Case(own: "Đã hoàn thành." + signature, layout: .top, expected: done()),
        Case(own: "Xong ạ\nNguyễn Thị Hà\nPhòng Tư pháp", layout: .outlook, expected: done()),
        Case(own: "Xong a\nNguyen Thi Ha\nPhong Tu phap", layout: .top, expected: done()),
        Case(own: "Kính gửi: Văn phòng HĐND và UBND phường,\nĐã hoàn thành ạ." + signature, layout: .outlook,
             expected: done()),
        Case(own: "Chào anh,\nXong rồi ạ.", layout: .bottom, expected: done()),
        Case(own: "Đã xong ạ\n-- \nPhòng Văn hóa - Xã hội\nUBND phường Ba Đồn", layout: .top, expected: done()),
        Case(own: "Hoàn thành đúng hạn.", layout: .top, expected: done("đúng hạn.")),
        Case(own: "Đã hoàn thành nhiệm vụ được giao.", layout: .outlook, expected: done("nhiệm vụ được giao.")),
        Case(own: "Đã hoàn thành 100%.", layout: .top, expected: done("100%.")),
        Case(own: "Đã hoàn thành, không có vướng mắc.", layout: .bottom, expected: done("không có vướng mắc.")),
        Case(own: "Em đã hoàn thành rồi ạ, báo cáo gửi kèm.", layout: .phone, expected: done("báo cáo gửi kèm.")),
        Case(own: "Xong. Cảm ơn anh.", layout: .top, expected: done("Cảm ơn anh.")),
        Case(own: "Đã hoàn thành, đã gửi báo cáo về Văn phòng qua hệ thống quản lý văn bản.", layout: .bottom,
             expected: done("đã gửi báo cáo về Văn phòng qua hệ thống quản lý văn bản.")),
        // The document number and its date come from the own text, never from the quoted plan.
        Case(own: "Đã hoàn thành, văn bản số 45/UBND-VP", layout: .top,
             expected: done("văn bản số 45/UBND-VP", ref: "45/UBND-VP")),
        Case(own: "Đã trả lời tại văn bản số 45/UBND-VP ngày 20/12/2025.", layout: .outlook,
             expected: done("tại văn bản số 45/UBND-VP ngày 20/12/2025.", ref: "45/UBND-VP", date: day(2025, 12, 20))),
        Case(own: "Đã trả lời bằng văn bản số 77/BC-VHXH ngày 5/1/2026", layout: .bottom,
             expected: done("bằng văn bản số 77/BC-VHXH ngày 5/1/2026", ref: "77/BC-VHXH", date: day(2026, 1, 5))),
        Case(own: "Xong - Công văn số 12/2025/QĐ-UBND ngày 31-12-2025", layout: .phone,
             expected: done("Công văn số 12/2025/QĐ-UBND ngày 31-12-2025", ref: "12/2025/QĐ-UBND",
                            date: day(2025, 12, 31))),
        Case(own: "Đã hoàn thành ạ.\nVăn bản số 88/UBND-TP ngày 22 tháng 12 năm 2025 đã gửi qua hệ thống.",
             layout: .top,
             expected: done(ref: "88/UBND-TP", date: day(2025, 12, 22))),
        Case(own: "Đã hoàn thành, văn bản số 45/UBND-VP ngày 31/02/2025", layout: .top,
             expected: done("văn bản số 45/UBND-VP ngày 31/02/2025", ref: "45/UBND-VP")),
        Case(own: "DA HOAN THANH, SO 12/KH-UBND NGAY 15/12/2025", layout: .outlook,
             expected: done("SO 12/KH-UBND NGAY 15/12/2025", ref: "12/KH-UBND", date: day(2025, 12, 15))),
        Case(own: "Xong 56/TB-UBND", layout: .alone, expected: done("56/TB-UBND", ref: "56/TB-UBND")),
        Case(own: "Xong\n\nChưa có số văn bản, sẽ gửi sau.", layout: .phone, expected: done()),
        Case(own: "Đã hoàn thành ngày 19/12/2025", layout: .top, expected: done("ngày 19/12/2025")),
        // Questions.
        Case(own: "Hoàn thành trước ngày nào ạ?", layout: .top,
             expected: .other(firstLine: "Hoàn thành trước ngày nào ạ?")),
        Case(own: "Xong thì gửi báo cáo cho ai ạ?", layout: .phone,
             expected: .other(firstLine: "Xong thì gửi báo cáo cho ai ạ?")),
        Case(own: "Hoàn thành trước ngày nào ạ", layout: .bottom,
             expected: .other(firstLine: "Hoàn thành trước ngày nào ạ")),
        Case(own: "Xong thì gửi cho ai a", layout: .top, expected: .other(firstLine: "Xong thì gửi cho ai a")),
        Case(own: "Xong chưa anh?", layout: .alone, expected: .other(firstLine: "Xong chưa anh?")),
        Case(own: "Hoàn thành chưa ạ", layout: .top, expected: .other(firstLine: "Hoàn thành chưa ạ")),
        Case(own: "Đã hoàn thành?", layout: .outlook, expected: .other(firstLine: "Đã hoàn thành?")),
        Case(own: "Xong rồi, anh kiểm tra giúp em được không?", layout: .top,
             expected: .other(firstLine: "Xong rồi, anh kiểm tra giúp em được không?")),
        Case(own: "Đã xong. Anh cần bản giấy không ạ", layout: .bottom,
             expected: .other(firstLine: "Đã xong. Anh cần bản giấy không ạ")),
        Case(own: "Đã xong ạ\n\nP/s: anh cho em hỏi mẫu báo cáo để ở đâu ạ", layout: .top,
             expected: .other(firstLine: "Đã xong ạ")),
        Case(own: "Khi nào xong em báo lại ạ.", layout: .phone,
             expected: .other(firstLine: "Khi nào xong em báo lại ạ.")),
        Case(own: "Hạn nộp báo cáo là bao giờ ạ", layout: .bottom,
             expected: .other(firstLine: "Hạn nộp báo cáo là bao giờ ạ")),
        Case(own: "Xong roi, gui ban mem cho ai vay", layout: .top,
             expected: .other(firstLine: "Xong roi, gui ban mem cho ai vay")),
        // Denials, colloquial ones included.
        Case(own: "Đã xong đâu anh, còn chờ số liệu …", layout: .top,
             expected: .other(firstLine: "Đã xong đâu anh, còn chờ số liệu …")),
        Case(own: "Xong đâu mà báo", layout: .phone, expected: .other(firstLine: "Xong đâu mà báo")),
        Case(own: "Chưa xong, xin gia hạn đến 26/12.", layout: .outlook,
             expected: .other(firstLine: "Chưa xong, xin gia hạn đến 26/12.")),
        Case(own: "chua xong", layout: .top, expected: .other(firstLine: "chua xong")),
        Case(own: "Hoàn thành rồi nhưng chưa hẳn, còn bổ sung.", layout: .bottom,
             expected: .other(firstLine: "Hoàn thành rồi nhưng chưa hẳn, còn bổ sung.")),
        Case(own: "Đã hoàn thành, chưa ký được.", layout: .top,
             expected: .other(firstLine: "Đã hoàn thành, chưa ký được.")),
        Case(own: "Không hoàn thành được do thiếu kinh phí.", layout: .outlook,
             expected: .other(firstLine: "Không hoàn thành được do thiếu kinh phí.")),
        Case(own: "Xong hết chưa a", layout: .alone, expected: .other(firstLine: "Xong hết chưa a")),
        // Partial progress and work still going on.
        Case(own: "Hoàn thành phần lớn rồi, còn 2 hồ sơ chưa xong.", layout: .top,
             expected: .other(firstLine: "Hoàn thành phần lớn rồi, còn 2 hồ sơ chưa xong.")),
        Case(own: "Đã hoàn thành một phần.", layout: .phone, expected: .other(firstLine: "Đã hoàn thành một phần.")),
        Case(own: "Hoàn thành 80% khối lượng.", layout: .bottom,
             expected: .other(firstLine: "Hoàn thành 80% khối lượng.")),
        Case(own: "Đã hoàn thành, đạt 90 % chỉ tiêu.", layout: .top,
             expected: .other(firstLine: "Đã hoàn thành, đạt 90 % chỉ tiêu.")),
        Case(own: "Đã hoàn thành, đang trình lãnh đạo ký.", layout: .outlook,
             expected: .other(firstLine: "Đã hoàn thành, đang trình lãnh đạo ký.")),
        Case(own: "Gần xong rồi ạ", layout: .top, expected: .other(firstLine: "Gần xong rồi ạ")),
        Case(own: "Xong.\nCơ bản hoàn thành, còn phần tổng hợp.", layout: .phone,
             expected: .other(firstLine: "Xong.")),
        Case(own: "da xong nhung con 2 ho so", layout: .top, expected: .other(firstLine: "da xong nhung con 2 ho so")),
        Case(own: "Xong rồi ạ, còn thiếu số liệu tổ dân phố 5.", layout: .bottom,
             expected: .other(firstLine: "Xong rồi ạ, còn thiếu số liệu tổ dân phố 5.")),
        Case(own: "Hoàn thành được 3/5 hồ sơ.", layout: .top,
             expected: .other(firstLine: "Hoàn thành được 3/5 hồ sơ.")),
        Case(own: "Tạm xong, em làm nốt phần kinh phí.", layout: .alone,
             expected: .other(firstLine: "Tạm xong, em làm nốt phần kinh phí.")),
        // Conditions and promises.
        Case(own: "Xong thì em gửi báo cáo luôn", layout: .top,
             expected: .other(firstLine: "Xong thì em gửi báo cáo luôn")),
        Case(own: "Nếu xong em sẽ báo ạ", layout: .phone, expected: .other(firstLine: "Nếu xong em sẽ báo ạ")),
        Case(own: "Đã nhận, sẽ hoàn thành trước hạn.", layout: .top,
             expected: .other(firstLine: "Đã nhận, sẽ hoàn thành trước hạn.")),
        Case(own: "Xong việc ở xã em sẽ làm ngay", layout: .bottom,
             expected: .other(firstLine: "Xong việc ở xã em sẽ làm ngay")),
        Case(own: "Xin gia hạn đến hết tuần.", layout: .outlook,
             expected: .other(firstLine: "Xin gia hạn đến hết tuần.")),
        // Out-of-office notices without Auto-Submitted.
        Case(own: Self.outOfOffice, layout: .top, expected: .other(firstLine: Self.outOfOffice)),
        Case(own: "Tôi đang nghỉ phép đến hết ngày 05/01/2026.", layout: .alone,
             expected: .other(firstLine: "Tôi đang nghỉ phép đến hết ngày 05/01/2026.")),
        Case(own: "Đã hoàn thành kỳ nghỉ, sẽ xử lý thư khi về.", layout: .top,
             expected: .other(firstLine: "Đã hoàn thành kỳ nghỉ, sẽ xử lý thư khi về.")),
        // Nothing of its own.
        Case(own: "", layout: .top, expected: .empty),
        Case(own: "", layout: .bottom, expected: .empty),
        Case(own: "Trân trọng,\nNguyễn Thị Hà", layout: .outlook, expected: .empty),
    ]

    @Test("each reply reads as its writer meant it", arguments: cases)
    func reading(_ reply: Case) {
        #expect(ReplyReader.read(Self.body(reply.own, reply.layout)) == reply.expected)
    }

    @Test("the table covers every layout, both ways of typing, and every outcome at least twice")
    func coverage() {
        #expect(Self.cases.count >= 60)
        for layout in [Layout.alone, .top, .phone, .bottom, .outlook] {
            #expect(Self.cases.filter { $0.layout == layout }.count >= 5, "\(layout)")
        }
        #expect(Self.cases.filter { !$0.own.isEmpty && !VietnameseFolding.hasMarks($0.own) }.count >= 8)
        let outcomes = Self.cases.map(\.expected)
        #expect(outcomes.filter { if case .completion = $0 { true } else { false } }.count >= 25)
        #expect(outcomes.filter { if case .other = $0 { true } else { false } }.count >= 25)
    }
}
