import Foundation
import NhacViecConfig
import NhacViecCore
import NhacViecMail

// Bytes become the one plan file beside a fixed main file; the loader must return or throw a
// ConfigurationError, never trap, whatever the bytes are.

/// The main file every input is loaded under: two official years, so holiday lookups take both paths.
let mainFile = """
    mail:
      from: "Nhắc việc <nhacviec@example.gov.vn>"
      sendmail: /usr/sbin/sendmail -oi
    state: /var/lib/nhacviec/state.sqlite
    plans: plans.d
    holidays:
      2025:
        off:
          2025-01-01: Tết Dương lịch
          2025-09-02: Quốc khánh
        work:
          2025-04-26: Làm bù
      2026:
        off:
          2026-02-17: Tết
        work:
          2026-01-10: Làm bù
    """

/// The loader as `nhacviec check` builds it: mail templates validated, schedule warnings on.
let loaderTemplateCheck: @Sendable (MailTemplates) -> [String] = { MessageComposer.validate(templates: $0) }

/// The body run once per input: one input, one load.
///
/// Exported under libFuzzer's name too: `-sanitize=fuzzer` links the runtime's main object, which refers to
/// this symbol, although `main` itself stays SwiftPM's alias for main.swift, which calls the driver.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlanLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The disk source decodes this way; an invalid byte is a positioned diagnostic there, so here the
    // input goes in as it would after a lossy decode, which keeps every input reaching the YAML reader.
    let text = (try? UTF8Text.decode(bytes)) ?? String(decoding: bytes, as: UTF8.self)
    let source = MemoryConfigurationSource(files: [
        "/etc/nhacviec/nhacviec.yaml": mainFile,
        "/etc/nhacviec/plans.d/fuzz.yaml": text,
    ])
    let loader = ConfigurationLoader(source: source, templateProblems: loaderTemplateCheck)
    do {
        checkRecurrences(of: try loader.load(mainFile: "/etc/nhacviec/nhacviec.yaml"))
    } catch is ConfigurationError {
        // The expected way to refuse a plan.
    } catch {
        fatalError("load threw something other than a ConfigurationError: \(error)")
    }
    return 0
}
