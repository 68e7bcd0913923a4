import NhacViecCore
import NhacViecMail

// Bytes become both the subject and the body template of a plan; validation must answer with a list
// of problems (possibly empty), never overflow the stack or trap.

/// The body run once per input: one text, validated as subject and as body.
///
/// Exported under libFuzzer's name too: `-sanitize=fuzzer` links the runtime's main object, which refers to
/// this symbol, although `main` itself stays SwiftPM's alias for main.swift, which calls the driver.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMustache(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let problems = MessageComposer.validate(templates: MailTemplates(subject: text, body: text))
    // Both roles see the same text, so they must agree on whether it is valid.
    if problems.count == 1 { fatalError("subject and body disagree on one text: \(problems)") }
    return 0
}
