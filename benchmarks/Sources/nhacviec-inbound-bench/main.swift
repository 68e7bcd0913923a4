// Reads one message file the way `nhacviec inbound` reads standard input, and reports what the reading cost.
// Run through benchmarks/inbound-linear (release build), which generates the messages and prints the table.
//
//   nhacviec-inbound-bench FILE     # prints: seconds=… cpu=… maxrss_kb=… (peak RSS) reading=…
import Foundation
import NhacViecInbound

/// The process's CPU seconds so far, from getrusage(2).
func cpuSeconds() -> Double {
    var record = rusage()
    getrusage(RUSAGE_SELF.rawValue, &record)
    return Double(record.ru_utime.tv_sec + record.ru_stime.tv_sec)
        + Double(record.ru_utime.tv_usec + record.ru_stime.tv_usec) / 1_000_000
}

/// The process's peak resident set in kilobytes, `VmHWM` of /proc/self/status. Not getrusage's `ru_maxrss`:
/// Linux keeps that across execve(2), so a driver started by a large parent reports the parent's peak.
func peakRSSKilobytes() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return Int(line.split { $0 == " " || $0 == "\t" }.dropFirst().first ?? "") ?? -1
}

guard CommandLine.arguments.count == 2,
      let data = FileManager.default.contents(atPath: CommandLine.arguments[1]) else {
    FileHandle.standardError.write(Data("usage: nhacviec-inbound-bench FILE\n".utf8))
    exit(2)
}
let bytes = [UInt8](data)
let before = cpuSeconds()
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
        summary = "\(fields.compactMap { $0 }.count + threading.count) fields, \(body.utf8.count) bytes of text; "
            + String(describing: reading).prefix(60)
    } catch {
        summary = "refused: \(error)"
    }
}
let after = cpuSeconds()
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(String(format: "seconds=%.3f cpu=%.3f maxrss_kb=%d", seconds, after - before, peakRSSKilobytes())
      + " reading=" + summary.replacingOccurrences(of: "\n", with: " "))
