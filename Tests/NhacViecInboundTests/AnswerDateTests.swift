import Foundation
import NhacViecCore
import NhacViecInbound
import Testing

/// The answering document's date travels from the reply's text to the triage's decision.
struct AnswerDateTests {
    @Test("a completion that names its document and date hands both to the decision, for the ledger to record")
    func dateReachesTheDecision() throws {
        let key = try ReplyKey(bytes: Array(0..<32))
        let target = ReplyTarget(plan: "ba-don", task: "tra-loi", department: "vp")
        let address = "nhacviec+\(ReplyToken(for: target, key: key).text)@badon.example.gov.vn"
        let triage = InboundTriage(index: ReplyTokenIndex(key: key, targets: [target]), key: key,
                                   address: try ReplyAddress(replyTo: "nhacviec@badon.example.gov.vn"),
                                   ownAddresses: [])
        let raw = "From: vp@badon.example.gov.vn\r\nTo: \(address)\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + "Đã trả lời tại văn bản số 45/UBND-VP ngày 20/12/2025.\r\n"
        let decision = triage.decide(try InboundMessage(bytes: Array(raw.utf8)), recipient: address)
        #expect(decision == .complete(target, by: "vp@badon.example.gov.vn",
                                      note: "tại văn bản số 45/UBND-VP ngày 20/12/2025.", ref: "45/UBND-VP",
                                      date: LocalDate(year: 2025, month: 12, day: 20)))
    }
}
