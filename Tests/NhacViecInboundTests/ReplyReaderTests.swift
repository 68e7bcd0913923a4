import Testing
@testable import NhacViecInbound

/// The rule that turns a reply into a completion report, on lines and on whole client-shaped messages.
struct ReplyReaderTests {
    @Test("completion phrases count with or without diacritics, in any case, with trailing punctuation",
          arguments: ["Xong", "xong.", "Đã xong", "ĐÃ XONG!", "da xong", "Hoàn thành", "hoan thanh", "Đã hoàn thành.",
                      "da hoan thanh", "DA HOAN THANH", "Đã trả lời", "da tra loi", "Dạ, đã hoàn thành ạ", "Xong rồi ạ.",
                      "Vâng, xong rồi", "Ðã hoàn thành", "Đa\u{0303} hoa\u{0300}n tha\u{0300}nh"])
    func completions(line: String) {
        #expect(ReplyReader.read(line) == .completion(note: nil, ref: nil))
    }

    @Test("negations, futures, partial reports and questions never count",
          arguments: ["Chưa xong", "chua xong, xin gia han", "Chưa hoàn thành", "Không hoàn thành được",
                      "Sẽ hoàn thành trước 20/12", "Sắp xong", "Gần xong rồi", "Xong chưa?", "Hoàn thành chưa ạ?",
                      "Đã hoàn thành?", "Hoàn thành 80% khối lượng", "Hoàn thành một phần", "xongxong",
                      "Xin hỏi hạn có lùi được không?", "Ok", "Đã nhận"])
    func nonCompletions(line: String) {
        #expect(ReplyReader.read(line) == .other(firstLine: line))
    }

    @Test("the rest of the line becomes the note, and a document number becomes the ref")
    func noteAndRef() {
        #expect(ReplyReader.read("Đã hoàn thành, đã gửi báo cáo") == .completion(note: "đã gửi báo cáo", ref: nil))
        #expect(ReplyReader.read("Đã trả lời tại văn bản số 45/UBND-VP ngày 20/12/2025")
                == .completion(note: "tại văn bản số 45/UBND-VP ngày 20/12/2025", ref: "45/UBND-VP"))
        #expect(ReplyReader.read("Xong - Công văn Số: 123/KH-UBND.") == .completion(note: "Công văn Số: 123/KH-UBND.", ref: "123/KH-UBND"))
        #expect(ReplyReader.read("hoan thanh, so 12/2025/QĐ-UBND") == .completion(note: "so 12/2025/QĐ-UBND", ref: "12/2025/QĐ-UBND"))
        #expect(ReplyReader.read("Đã trả lời bằng văn bản 77/BC-VHXH") == .completion(note: "bằng văn bản 77/BC-VHXH", ref: "77/BC-VHXH"))
        #expect(ReplyReader.read("Đã xong ngày 20/12/2025") == .completion(note: "ngày 20/12/2025", ref: nil))
    }

    @Test("empty and quoted lines are skipped; a reply with only quotes, a footer or a signature is empty")
    func skipping() {
        #expect(ReplyReader.read("\n\n> Kính gửi\n>\nXong") == .completion(note: nil, ref: nil))
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
        ("thunderbird-flowed.eml", ReplyReading.completion(note: "đã gửi danh sách 05 cán bộ về Văn phòng HĐND và UBND phường qua hệ thống quản lý văn bản.", ref: nil)),
        ("outlook-html-windows-1258.eml", .completion(note: "tại văn bản số 45/UBND-VP ngày 20/12/2025 của UBND phường.", ref: "45/UBND-VP")),
        ("outlook-related-utf8.eml", .other(firstLine: "Chưa xong, xin gia hạn đến hết ngày 26/12/2025 vì chưa đủ số liệu của các tổ dân phố.")),
        ("gmail-alternative-qp.eml", .completion(note: nil, ref: nil)),
        ("gmail-html-only.eml", .completion(note: nil, ref: nil)),
        ("apple-iphone.eml", .completion(note: nil, ref: nil)),
        ("apple-iphone-question.eml", .other(firstLine: "Xin hỏi hạn có lùi được không? Đơn vị đang chờ số liệu.")),
        ("android-samsung.eml", .completion(note: nil, ref: nil)),
        ("plain-windows-1258.eml", .completion(note: nil, ref: nil)),
        ("vacation-auto-reply.eml", .other(firstLine: "Tôi đang nghỉ phép đến hết ngày 05/01/2026. Việc gấp xin liên hệ đồng chí Phó trưởng phòng.")),
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
