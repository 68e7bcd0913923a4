import Foundation
@testable import NhacViecMail
import Testing

/// The length rule of every subject: at most 150 characters, cut at a word with "…", never in a broken state.
struct SubjectLineTests {
    @Test("a subject that fits is kept as it is, 150 characters included")
    func fits() {
        let text = String(repeating: "ạ", count: 150)
        #expect(SubjectLine.clipped(text) == text)
        #expect(SubjectLine.clipped("V/v tham mưu Giấy mời") == "V/v tham mưu Giấy mời")
    }

    @Test("a longer one is cut at a word, ends in '…' and is at most the limit, counted as Python counts")
    func cutAtWord() {
        let text = "[Nhắc việc] V/v " + String(repeating: "tham mưu ", count: 30)
        let cut = SubjectLine.clipped(text)
        #expect(cut.unicodeScalars.count <= 150 && cut.unicodeScalars.count >= 140)
        #expect(cut.hasSuffix("mưu…") || cut.hasSuffix("tham…"))
        #expect(text.hasPrefix(cut.dropLast()))
        #expect(SubjectLine.clipped("một hai ba bốn", to: 10) == "một hai…")
    }

    @Test("no separator dangles before '…', and no parenthesis, bracket or quotation is left open")
    func noDanglingPunctuation() {
        #expect(SubjectLine.clipped("V/v việc một – chậm nhất ngày", to: 15) == "V/v việc một…")
        #expect(SubjectLine.clipped("V/v trả lời ý kiến (ngoài các kiến nghị đã đánh số) theo", to: 36)
                == "V/v trả lời ý kiến…")
        #expect(SubjectLine.clipped("V/v trả lời ý kiến (ngoài các) theo Thông báo", to: 40)
                == "V/v trả lời ý kiến (ngoài các) theo…")
        #expect(SubjectLine.clipped("Re: \"Đã hoàn thành việc này rồi\" nhé", to: 25) == "Re…")
        #expect(SubjectLine.clipped("V/v a, b; c: d, e", to: 12) == "V/v a, b; c…")
    }

    @Test("one long word is cut between characters, never inside one: combining marks and emoji stay whole")
    func longWord() {
        let decomposed = String(repeating: "a\u{0323}\u{0302}", count: 100)  // ậ as a letter and two combining marks
        let cut = SubjectLine.clipped(decomposed)
        #expect(cut.unicodeScalars.count <= 150 && cut.hasSuffix("…"))
        #expect(cut.dropLast().allSatisfy { $0 == "a\u{0323}\u{0302}" })
        let family = "👩‍👩‍👧‍👦"  // 7 scalars, one character
        let emoji = SubjectLine.clipped(String(repeating: family, count: 30))
        #expect(emoji.unicodeScalars.count <= 150 && emoji.dropLast().allSatisfy { $0 == Character(family) })
        #expect(SubjectLine.clipped(String(repeating: "x", count: 400)) == String(repeating: "x", count: 149) + "…")
    }

    @Test("a subject made from a title gives up the title's last words first, keeping what surrounds it")
    func fittedKeepsTheEnds() {
        let title = "trả lời bằng văn bản các ý kiến khác (ngoài các kiến nghị đã đánh số) theo Thông báo kết luận"
        let subject = SubjectLine.fitted(title: title) {
            "[Chậm tiến độ] Phòng Kinh tế, Hạ tầng và Đô thị chưa hoàn thành: V/v \($0) – chậm nhất ngày 19/01/2026"
        }
        #expect(subject == "[Chậm tiến độ] Phòng Kinh tế, Hạ tầng và Đô thị chưa hoàn thành: "
                + "V/v trả lời bằng văn bản các ý kiến khác… – chậm nhất ngày 19/01/2026")
        #expect(subject.unicodeScalars.count <= 150)
        let short = SubjectLine.fitted(title: "tham mưu Giấy mời") { "[Nhắc việc] V/v \($0) – chậm nhất ngày 12/12/2025"
        }
        #expect(short == "[Nhắc việc] V/v tham mưu Giấy mời – chậm nhất ngày 12/12/2025")
        let around = String(repeating: "Phòng ", count: 40)
        let crowded = SubjectLine.fitted(title: "tham mưu") { "\(around)V/v \($0)" }
        #expect(crowded.unicodeScalars.count <= 150 && crowded.hasSuffix("Phòng…"))
    }
}
