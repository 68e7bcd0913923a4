// Daemon benchmarks that need the daemon in-process: firing latency and delivery throughput.
// Run through benchmarks/compare --daemon (release build); it prints one Markdown table.
import Foundation
import Logging
import NhacViecConfig
import NhacViecCore
import NhacViecDaemon
import NhacViecMail
import NhacViecStore

/// A clock running `speed` times real time that never stands still, so virtual instants map to real ones.
struct ScaledClock: TimeSource {
    let origin: Date
    let realStart: Date
    let speed: Double
    func now() -> Date { origin.addingTimeInterval(Date().timeIntervalSince(realStart) * speed) }
    func realDelay(until instant: Date) -> TimeInterval { max(0, instant.timeIntervalSince(now()) / speed) }
    func realInstant(of instant: Date) -> Date { realStart.addingTimeInterval(instant.timeIntervalSince(origin) / speed) }
}

func writeConfig(dir: String, sendmail: String, plans: Int, tasksPerPlan: Int, sendAt: (Int) -> String, due: String) throws -> String {
    try FileManager.default.createDirectory(atPath: dir + "/plans.d", withIntermediateDirectories: true)
    try "mail:\n  from: \"Nhắc việc <nv@example.gov.vn>\"\n  sendmail: \(sendmail)\nstate: \(dir)/state.sqlite\nplans: plans.d\ncatch-up-limit: 30d\n"
        .write(toFile: dir + "/nhacviec.yaml", atomically: true, encoding: .utf8)
    for p in 0..<plans {
        var text = "plan: {id: p\(p), title: Kế hoạch \(p), admin: admin@example.gov.vn, send-at: \"\(sendAt(p))\"}\n"
        text += "departments:\n  vp: {name: Văn phòng, email: vp\(p)@example.gov.vn}\ntasks:\n"
        for t in 0..<tasksPerPlan {
            text += "  - {id: t\(t), title: Việc số \(t) của kế hoạch \(p), owner: vp, due: \(due), remind: [0d], overdue: none}\n"
        }
        try text.write(toFile: dir + "/plans.d/p\(String(format: "%04d", p)).yaml", atomically: true, encoding: .utf8)
    }
    return dir + "/nhacviec.yaml"
}

func runDaemon(mainFile: String, clock: any TimeSource, until done: @escaping (SQLiteLedger) -> Bool) throws -> TimeInterval {
    let configuration = try ConfigurationLoader().load(mainFile: mainFile)
    let database = try AppDatabase.openForDaemon(path: configuration.settings.statePath)
    let ledger = SQLiteLedger(database: database)
    let environment = DaemonEnvironment(
        loadConfiguration: { configuration }, ledger: ledger,
        makeTransport: { SendmailTransport(command: $0.sendmailCommand, timeout: 30) },
        makeRenderer: { MessageComposer(from: $0.from, envelopeSender: $0.envelopeSender) },
        clock: clock, logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
    let finished = DispatchSemaphore(value: 0)
    let daemon = Daemon(configuration: configuration, environment: environment, onExit: { _ in finished.signal() })
    let started = Date()
    daemon.start()
    while !done(ledger) { usleep(10_000) }
    let elapsed = Date().timeIntervalSince(started)
    daemon.stop()
    finished.wait()
    return elapsed
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: nhacviec-bench SCRATCH_DIR SENDMAIL_STAMP_BINARY [latency|throughput]\n".utf8))
    exit(64)
}
let only = arguments.count > 3 ? arguments[3] : nil
let scratch = arguments[1], stamp = arguments[2]
let zone = TimeZone.vietnam
let day = LocalDate(iso: "2027-03-10")!

var latencies: [Double] = []
if only != "throughput" {
// Firing latency: 200 plans whose reminders fall one virtual minute apart; 60× real time, so one per second.
let latencyDir = scratch + "/latency"
let stampFile = latencyDir + "/stamps"
setenv("STAMP_FILE", stampFile, 1)
let latencyConfig = try writeConfig(dir: latencyDir, sendmail: stamp, plans: 200, tasksPerPlan: 1,
                                    sendAt: { String(format: "%02d:%02d", 8 + $0 / 60, $0 % 60) }, due: day.iso)
let origin = LocalInstant.date(day: day, time: TimeOfDay(hour: 7, minute: 59)!, zone: zone).addingTimeInterval(58)
let clock = ScaledClock(origin: origin, realStart: Date(), speed: 60)
_ = try runDaemon(mainFile: latencyConfig, clock: clock) { (try? $0.count()) == 200 }
let stamps = try String(contentsOfFile: stampFile, encoding: .utf8).split(separator: "\n").compactMap { Double($0) }
latencies = (0..<200).map { p -> Double in
    let at = LocalInstant.date(day: day, time: TimeOfDay(hour: 8 + p / 60, minute: p % 60)!, zone: zone)
    return (stamps[p] / 1e9 - clock.realInstant(of: at).timeIntervalSince1970) * 1000
}

}

var burst: TimeInterval = .nan
if only != "latency" {
// Throughput: 10,000 reminders due at start into a sendmail that discards.
let burstDir = scratch + "/burst"
unsetenv("STAMP_FILE")
let burstConfig = try writeConfig(dir: burstDir, sendmail: stamp, plans: 100, tasksPerPlan: 100, sendAt: { _ in "07:30" }, due: day.iso)
let burstClock = ScaledClock(origin: LocalInstant.date(day: day, time: TimeOfDay(hour: 8, minute: 0)!, zone: zone), realStart: Date(), speed: 1)
burst = try runDaemon(mainFile: burstConfig, clock: burstClock) { (try? $0.count()) == 10_000 }
}

print("| measure | figure | target |")
print("|---|---|---|")
if !latencies.isEmpty {
print(String(format: "| firing latency p50 (200 reminders, instant → sendmail start) | %.2f ms | ≤ 5 ms |", percentile(latencies, 0.5)))
print(String(format: "| firing latency p99 | %.2f ms | ≤ 20 ms |", percentile(latencies, 0.99)))
print(String(format: "| firing latency max | %.2f ms | |", latencies.max()!))
}
if !burst.isNaN {
print(String(format: "| throughput (10,000 due at once, discarding sendmail, SQLite ledger) | %.0f messages/s | ≥ 300/s |", 10_000 / burst))
}
