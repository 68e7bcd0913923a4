import NhacViecCore
import NhacViecInbound

// Bytes become a received message, read the whole way `nhacviec inbound` reads one from anyone: the header
// fields the triage asks for, the body's text, every MIME part and enclosed message, and the reply's reading.
// Nothing may trap, and fuzz/run's per-input time limit turns any reading that is not linear into a failure.

/// The body run once per input.
///
/// Exported under libFuzzer's name too: `-sanitize=fuzzer` links the runtime's main object, which refers to
/// this symbol, although `main` itself stays SwiftPM's alias for main.swift, which calls the driver.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInboundReading(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The same bytes as a reply's text too, as ReplyReader.read is public and reads any string.
    check(ReplyReader.read(String(decoding: bytes, as: UTF8.self)), in: nil)
    guard let message = try? InboundMessage(bytes: bytes) else { return 0 }
    read(message, depth: 0)
    return 0
}

/// Everything a reader of the message can ask, and the enclosed messages' too, a few levels down.
func read(_ message: InboundMessage, depth: Int) {
    _ = (message.from, message.to, message.cc, message.deliveredTo, message.returnPath, message.subject)
    _ = (message.messageID, message.inReplyTo, message.references, message.autoSubmitted, message.precedence)
    _ = message.headers(named: "Received")
    let text = message.text()
    if text.unicodeScalars.contains("\r") {
        fatalError("a CR survived the line ends of the text: \(text.debugDescription)")
    }
    if text != message.body { fatalError("text() and body differ") }
    check(ReplyReader.read(text), in: text)
    for part in message.parts() {
        _ = (part.mediaType, part.parameter("charset"), part.header("Content-Type"), part.isAttachment)
        _ = part.decodedBody()
        _ = part.text()
        if depth < 3, part.mediaType == "message/rfc822", let enclosed = try? part.message() {
            read(enclosed, depth: depth + 1)
        }
    }
}

/// A completion's document number stands in the text it was read from, and its date is a real day.
func check(_ reading: ReplyReading, in text: String?) {
    guard case .completion(_, let ref, let date) = reading else { return }
    if let text, let ref, !text.contains(ref) { fatalError("the number \(ref) is not in the text it was read from") }
    if let date, !(1900...2100).contains(date.year) { fatalError("a document date outside 1900-2100: \(date)") }
}
