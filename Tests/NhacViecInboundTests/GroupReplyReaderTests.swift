import NhacViecInbound
import Testing

/// Which items of a grouped mail a reply names.
struct GroupReplyReaderTests {
    @Test("numbers after 'kiến nghị', 'số', 'mục' name items; document numbers and dates do not", arguments: [
        ("Đã trả lời kiến nghị số 3 và 5 tại văn bản số 45/UBND-KT", [3, 5]),
        ("Da tra loi kien nghi 3, 5 va 6", [3, 5, 6]),
        ("Xong kiến nghị số 6 rồi ạ", [6]),
        ("Đã hoàn thành mục 1 và 2", [1, 2]),
    ])
    func named(text: String, numbers: [Int]) {
        guard case .completion(let found, _, _, _) = GroupReplyReader.read(text, listed: [1, 2, 3, 5, 6]) else {
            Issue.record("\(text): not a completion"); return
        }
        #expect(found == numbers)
    }

    @Test("'tất cả' and 'toàn bộ' name every item")
    func everything() {
        for text in ["Đã hoàn thành tất cả", "Đã trả lời toàn bộ các kiến nghị tại văn bản số 12/UBND"] {
            guard case .completion(let numbers, _, _, _) = GroupReplyReader.read(text, listed: [3, 5]) else {
                Issue.record("\(text): not a completion"); continue
            }
            #expect(numbers == [3, 5], "\(text)")
        }
    }

    @Test("a completion that names no item, or one not listed, is unclear; a question is no completion at all")
    func unclear() {
        guard case .unclear = GroupReplyReader.read("Đã trả lời tại văn bản số 45/UBND-KT ngày 20/12/2025", listed: [3, 5]) else {
            Issue.record("a document number is no item"); return
        }
        guard case .unclear = GroupReplyReader.read("Đã trả lời kiến nghị số 7", listed: [3, 5]) else {
            Issue.record("7 was not listed"); return
        }
        guard case .other = GroupReplyReader.read("Kiến nghị số 3 trả lời trước ngày nào ạ?", listed: [3, 5]) else {
            Issue.record("a question"); return
        }
    }
}
