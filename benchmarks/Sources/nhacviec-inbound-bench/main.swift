// Reads one message file the way `nhacviec inbound` reads standard input, and reports what the reading cost.
// Run through benchmarks/inbound-linear (release build), which generates the messages and prints the table.
//
//   nhacviec-inbound-bench FILE     # prints: seconds=… cpu=… maxrss_kb=… reading=…
import Foundation
import NhacViecInbound

/// The process's CPU seconds and peak resident set so far, from getrusage(2).
func usage() -> (cpu: Double, maxRSSKilobytes: Int) {
    var record = rusage()
    getrusage(RUSAGE_SELF.rawValue, &record)
    let cpu = Double(record.ru_utime.tv_sec + record.ru_stime.tv_sec)
        + Double(record.ru_utime.tv_usec + record.ru_stime.tv_usec) / 1_000_000
    return (cpu, Int(record.ru_maxrss))
}

guard CommandLine.arguments.count == 2, let data = FileManager.default.contents(atPath: CommandLine.arguments[1]) else {
    FileHandle.standardError.write(Data("usage: nhacviec-inbound-bench FILE\n".utf8))
    exit(2)
}
let bytes = [UInt8](data)
let before = usage()
let clock = ContinuousClock()
var summary = ""
let elapsed = clock.measure {
    do {
        let message = try InboundMessage(bytes: bytes)
        // What the triage asks before the body: the addresses, the subject and the automatic-reply fields.
        let fields = [message.from, message.returnPath, message.subject, message.autoSubmitted, message.precedence]
        let threading = message.to + message.references + message.inReplyTo
        let body = message.body
        let reading = ReplyReader.read(body)
        summary = "\(fields.compactMap { $0 }.count + threading.count) fields, \(body.utf8.count) bytes of text; \(String(describing: reading).prefix(60))"
    } catch {
        summary = "refused: \(error)"
    }
}
let after = usage()
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(String(format: "seconds=%.3f cpu=%.3f maxrss_kb=%d", seconds, after.cpu - before.cpu, after.maxRSSKilobytes)
      + " reading=" + summary.replacingOccurrences(of: "\n", with: " "))
