import NhacViecCore
import Testing
@testable import NhacViecInbound

/// The rule that turns a reply into a completion report, on lines and on whole client-shaped messages.
struct ReplyReaderTests {
    @Test("completion phrases count with or without diacritics, in any case, with trailing punctuation",
          arguments: ["Xong", "xong.", "Đã xong", "ĐÃ XONG!", "da xong", "Hoàn thành", "hoan thanh", "Đã hoàn thành.",
                      "da hoan thanh", "DA HOAN THANH", "Đã trả lời", "da tra loi", "Dạ, đã hoàn thành ạ", "Xong rồi ạ.",
                      "Vâng, xong rồi", "Ðã hoàn thành", "Đa\u{0303} hoa\u{0300}n tha\u{0300}nh"])
    func completions(line: String) {
        #expect(ReplyReader.read(line) == .completion(note: nil, ref: nil, date: nil))
    }

    @Test("negations, futures, partial reports and questions never count",
          arguments: ["Chưa xong", "chua xong, xin gia han", "Chưa hoàn thành", "Không hoàn thành được",
                      "Sẽ hoàn thành trước 20/12", "Sắp xong", "Gần xong rồi", "Xong chưa?", "Hoàn thành chưa ạ?",
                      "Đã hoàn thành?", "Hoàn thành 80% khối lượng", "Hoàn thành một phần", "xongxong",
                      "Xin hỏi hạn có lùi được không?", "Ok", "Đã nhận"])
    func nonCompletions(line: String) {
        #expect(ReplyReader.read(line) == .other(firstLine: line))
    }

    private static func done(_ note: String?, ref: String? = nil, date: LocalDate? = nil) -> ReplyReading {
        .completion(note: note, ref: ref, date: date)
    }

    @Test("the rest of the line becomes the note, and a document number becomes the ref")
    func noteAndRef() {
        #expect(ReplyReader.read("Đã hoàn thành, đã gửi báo cáo") == Self.done("đã gửi báo cáo"))
        #expect(ReplyReader.read("Đã trả lời tại văn bản số 45/UBND-VP ngày 20/12/2025")
                == Self.done("tại văn bản số 45/UBND-VP ngày 20/12/2025", ref: "45/UBND-VP",
                             date: LocalDate(year: 2025, month: 12, day: 20)))
        #expect(ReplyReader.read("Xong - Công văn Số: 123/KH-UBND.")
                == Self.done("Công văn Số: 123/KH-UBND.", ref: "123/KH-UBND"))
        #expect(ReplyReader.read("hoan thanh, so 12/2025/QĐ-UBND")
                == Self.done("so 12/2025/QĐ-UBND", ref: "12/2025/QĐ-UBND"))
        #expect(ReplyReader.read("Đã trả lời bằng văn bản 77/BC-VHXH")
                == Self.done("bằng văn bản 77/BC-VHXH", ref: "77/BC-VHXH"))
        #expect(ReplyReader.read("Đã xong ngày 20/12/2025") == Self.done("ngày 20/12/2025"))
    }

    @Test("the document's date is the day written after its number, in any usual form, when that day exists",
          arguments: [
              ("văn bản số 45/UBND-VP ngày 20/12/2025", LocalDate(year: 2025, month: 12, day: 20)),
              ("số 45/UBND-VP, ngày 5/1/2026", LocalDate(year: 2026, month: 1, day: 5)),
              ("số 45/UBND-VP ngày 05-01-2026", LocalDate(year: 2026, month: 1, day: 5)),
              ("số 45/UBND-VP ngày 29.02.2028", LocalDate(year: 2028, month: 2, day: 29)),
              ("số 45/UBND-VP ngày 20 tháng 12 năm 2025", LocalDate(year: 2025, month: 12, day: 20)),
              ("so 45/UBND-VP ngay 20/12/2025", LocalDate(year: 2025, month: 12, day: 20)),
              ("số 45/UBND-VP ngày 29/02/2025", nil), ("số 45/UBND-VP ngày 31/04/2026", nil),
              ("số 45/UBND-VP ngày 00/12/2025", nil), ("số 45/UBND-VP ngày 20/13/2025", nil),
              ("số 45/UBND-VP ngày 20/12/25", nil), ("số 45/UBND-VP ngày 20/12-2025", nil),
              ("số 45/UBND-VP ngày 20/12/20251", nil), ("số 45/UBND-VP ngày 20/12/1850", nil),
              ("ngày 20/12/2025, số 45/UBND-VP", nil), ("số 45/UBND-VP gửi ngày 20/12/2025", nil),
          ] as [(String, LocalDate?)])
    func documentDate(text: String, date: LocalDate?) {
        #expect(ReplyReader.read("Đã trả lời, " + text) == Self.done(text, ref: "45/UBND-VP", date: date))
    }

    @Test("document numbers: the one after \"số\" first, a bare one only with a capital symbol, never a date")
    func documentNumbers() {
        #expect(DocumentNumber.find(in: "theo 12/KH-UBND và số 45/UBND-VP") == "45/UBND-VP")
        #expect(DocumentNumber.find(in: "theo 12/KH-UBND và 45/UBND-VP") == "12/KH-UBND")
        #expect(DocumentNumber.find(in: "số 7/bc-tp") == "7/bc-tp")
        #expect(DocumentNumber.find(in: "ngày 20/12/2025 lúc 7/am") == nil)
        #expect(DocumentNumber.find(in: "ABC45/UBND và x-46/UBND-VP") == "46/UBND-VP")
        #expect(DocumentNumber.find(in: "1//2/AB") == "2/AB")
    }

    @Test("a line of a million slashes and digits is searched for a number in one pass")
    func documentNumberIsLinear() {
        let line = String(repeating: "1/", count: 500_000) + "x " + String(repeating: "12/", count: 300_000) + "a"
        var found: String?
        let elapsed = ContinuousClock().measure { found = DocumentNumber.find(in: line) }
        #expect(found == nil)
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }

    @Test("empty and quoted lines are skipped; a reply with only quotes, a footer or a signature is empty")
    func skipping() {
        #expect(ReplyReader.read("\n\n> Kính gửi\n>\nXong") == .completion(note: nil, ref: nil, date: nil))
        #expect(ReplyReader.read("  \n> Đã hoàn thành\n") == .empty)
        #expect(ReplyReader.read("Sent from my iPhone\nXong") == .empty)
        #expect(ReplyReader.read("-- \nXong") == .empty)
        #expect(ReplyReader.read("") == .empty)
    }

    @Test("reading stops at the attribution and header shapes of common clients",
          arguments: ["On 12/12/2025 07:30, Nhắc việc wrote:", "On Fri, Dec 12, 2025 at 7:30 AM Nhắc việc <\nnhacviec@x.vn> wrote:",
                      "Vào Th 2, 1 thg 12, 2025 lúc 07:30 Nhắc việc <nhacviec@x.vn> đã viết:",
                      "Le 12/12/2025 à 07:30, Nhắc việc a écrit :", "-----Original Message-----", "-----Thư gốc-----",
                      "-------- Tin nhắn gốc --------", "________________________________\nFrom: Nhắc việc",
                      "From: Nhắc việc <nhacviec@x.vn>\nSent: Friday, December 12, 2025 7:30 AM\nTo: a@x.vn\nSubject: s",
                      "Từ: Nhắc việc <nhacviec@x.vn>\nĐã gửi: 12 tháng 12 2025 07:30", "Gửi từ iPhone của tôi",
                      "Được gửi từ điện thoại thông minh Samsung Galaxy của tôi.", "Get Outlook for Android", "--"])
    func boundaries(header: String) {
        #expect(ReplyReader.read(header + "\nĐã hoàn thành") == .empty)
        #expect(ReplyReader.read("Chưa xong\n" + header + "\nĐã hoàn thành") == .other(firstLine: "Chưa xong"))
    }

    @Test("each client-shaped reply reads as its sender meant it", arguments: [
        ("thunderbird-flowed.eml", done("đã gửi danh sách 05 cán bộ về Văn phòng HĐND và UBND phường qua hệ thống "
                                        + "quản lý văn bản.")),
        ("outlook-html-windows-1258.eml", done("tại văn bản số 45/UBND-VP ngày 20/12/2025 của UBND phường.",
                                               ref: "45/UBND-VP", date: LocalDate(year: 2025, month: 12, day: 20))),
        ("outlook-related-utf8.eml", .other(firstLine: "Chưa xong, xin gia hạn đến hết ngày 26/12/2025 vì chưa đủ "
                                            + "số liệu của các tổ dân phố.")),
        ("gmail-alternative-qp.eml", done(nil)),
        ("gmail-html-only.eml", done(nil)),
        ("apple-iphone.eml", done(nil)),
        ("apple-iphone-question.eml", .other(firstLine: "Xin hỏi hạn có lùi được không? Đơn vị đang chờ số liệu.")),
        ("android-samsung.eml", done(nil)),
        ("plain-windows-1258.eml", done(nil)),
        ("vacation-auto-reply.eml", .other(firstLine: "Tôi đang nghỉ phép đến hết ngày 05/01/2026. Việc gấp xin "
                                           + "liên hệ đồng chí Phó trưởng phòng.")),
    ])
    func fixtures(name: String, expected: ReplyReading) throws {
        #expect(ReplyReader.read(try Fixture.message(name).body) == expected)
    }

    @Test("a reply whose only text is the quote reads as empty even though the quote says \"Đã hoàn thành\"")
    func quoteOnly() throws {
        let body = try Fixture.message("gmail-alternative-qp.eml").body
        let quoteOnly = String(body.drop { $0 != "\n" })
        #expect(quoteOnly.contains("Đã hoàn thành"))
        #expect(ReplyReader.read(quoteOnly) == .empty)
    }
}
