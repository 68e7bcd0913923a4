import Foundation
import Testing
@testable import NhacViecMail

/// RFC 2047 encoded-words and RFC 2045 quoted-printable, checked by decoding with independent decoders.
struct EncodingTests {
    static let vietnamese = [
        "Tham mưu Giấy mời Hội nghị đối thoại năm 2025",
        "Ủy ban MTTQ Việt Nam phường và các tổ chức chính trị - xã hội",
        "Tham mưu ban hành Thông báo kết luận để chỉ đạo xử lý các kiến nghị, đề xuất của người dân; đồng thời báo cáo cấp trên những nội dung vượt quá thẩm quyền (nếu có).",
        "a", "ệ", "=?UTF-8?B?not-a-word?=", "Trường hợp \"đặc biệt\" <&> 100%",
        "👩‍👩‍👧‍👦👩‍👩‍👧‍👦 gia đình", String(repeating: "Đ", count: 200),
    ]

    @Test("encoded-words decode back to the exact text", arguments: vietnamese)
    func encodedWordRoundTrip(text: String) {
        let words = EncodedWord.encode(text)
        #expect(Decode.encodedWords(words.joined(separator: " ")) == text)
        // Folded as a header would be: CRLF SP between words.
        #expect(Decode.encodedWords(words.joined(separator: "\r\n ").replacingOccurrences(of: "\r\n", with: "")) == text)
    }

    @Test("every encoded-word is at most 75 characters and holds whole UTF-8 characters", arguments: vietnamese)
    func encodedWordLimits(text: String) {
        for word in EncodedWord.encode(text) {
            #expect(word.count <= 75)
            #expect(word.allSatisfy { $0.isASCII })
            let payload = String(word.dropFirst("=?UTF-8?B?".count).dropLast(2))
            let bytes = Data(base64Encoded: payload)
            #expect(bytes.flatMap { String(data: $0, encoding: .utf8) } != nil, "a word splits a character: \(word)")
        }
    }

    @Test("a display name keeps plain words as atoms and encodes each run of other words as one encoded-word")
    func phrase() {
        #expect(EncodedWord.phrase("Van phong UBND") == ["Van", "phong", "UBND"])
        let kinhTe = EncodedWord.phrase("Phòng Kinh tế, Hạ tầng và Đô thị")
        #expect(kinhTe.count == 3 && kinhTe[1] == "Kinh")
        #expect(Decode.encodedWords(kinhTe.joined(separator: " ")) == "Phòng Kinh tế, Hạ tầng và Đô thị")
        let smith = EncodedWord.phrase("Smith, John")
        #expect(smith.count == 2 && smith[0].hasPrefix("=?UTF-8?B?") && smith[1] == "John")
    }

    @Test("no Ba Đồn department name needs two adjacent encoded-words, which Python before 3.14 misreads")
    func noAdjacentEncodedWords() {
        for department in BaDonMail.plan.departments {
            let words = EncodedWord.phrase(department.name)
            for (left, right) in zip(words, words.dropFirst()) {
                #expect(!(left.hasPrefix("=?") && right.hasPrefix("=?")), "\(department.name): \(words)")
            }
            #expect(Decode.encodedWords(words.joined(separator: " ")) == department.name)
        }
    }

    @Test("a name too long for one encoded-word is split into several that decode back exactly")
    func longRun() {
        let name = String(repeating: "Ủy ban phường ", count: 6).trimmingCharacters(in: .whitespaces)
        let words = EncodedWord.phrase(name)
        #expect(words.filter { $0.hasPrefix("=?") }.count > 1)
        #expect(words.allSatisfy { $0.count <= 75 })
        #expect(Decode.encodedWords(words.joined(separator: "\r\n ").replacingOccurrences(of: "\r\n", with: "")) == name)
    }

    @Test("the first encoded-word can be kept short enough to share the first line with the field name")
    func firstWordLength() {
        let words = EncodedWord.encode(String(repeating: "Giấy mời ", count: 10), firstLength: 69)
        #expect(words[0].count <= 69)
        #expect(words.dropFirst().allSatisfy { $0.count <= 75 })
    }

    static let longParagraph = String(repeating: EncodingTests.vietnamese[2] + " ", count: 5)

    @Test("quoted-printable keeps every line within 76 characters and decodes to the exact text", arguments: [
        longParagraph + "\n",
        "Kính gửi: Văn phòng HĐND và UBND phường\n\n" + longParagraph + "\n-- \nĐây là thư tự động.\n",
        String(repeating: "=", count: 300) + "\n",
        String(repeating: "x", count: 75) + "\n" + String(repeating: "x", count: 76) + "\n" + String(repeating: "x", count: 77) + "\n",
        String(repeating: "ệ", count: 100) + " \n",
        "tab at end\t\nspace at end \n",
    ])
    func quotedPrintableRoundTrip(text: String) {
        let encoded = QuotedPrintable.encode(text)
        let lines = encoded.components(separatedBy: "\r\n").dropLast()
        for line in lines {
            #expect(line.utf8.count <= 76, "line too long: \(line)")
            #expect(line.allSatisfy { $0.isASCII && $0 != "\r" && $0 != "\n" })
            #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"), "trailing whitespace: \(line)")
        }
        #expect(encoded.hasSuffix("\r\n"))
        #expect(Decode.quotedPrintable(encoded) == text)
    }

    @Test("a '.' or 'From ' at the start of any encoded line is escaped, and '=' is always escaped")
    func quotedPrintableLineStarts() {
        let text = ".\nFrom here\n" + String(repeating: "a", count: 75) + ".end\n" + String(repeating: "b", count: 75) + "From x\n1=2\n"
        let encoded = QuotedPrintable.encode(text)
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(!line.hasPrefix("."), "line starts with a dot: \(line)")
            #expect(!line.hasPrefix("From "), "line starts with From: \(line)")
        }
        #expect(encoded.contains("1=3D2"))
        #expect(Decode.quotedPrintable(encoded) == text)
    }

    @Test("header values lose CR, LF and control characters, so they cannot inject fields")
    func headerCleaning() {
        #expect(HeaderText.clean("a\r\nBcc: x@y.z") == "a Bcc: x@y.z")
        #expect(HeaderText.clean("a\u{0}\tb\u{2028}c") == "a b c")
    }
}
