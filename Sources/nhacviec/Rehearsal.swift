import Foundation
import Logging
import NhacViecConfig
import NhacViecCore
import NhacViecDaemon
import NhacViecInbound
import NhacViecStore

/// A rehearsal: the real daemon, a virtual clock, a temporary state file and a Maildir sendmail.
struct Rehearsal {
    let configuration: Configuration
    let mainFile: String
    let start: LocalDate
    let end: LocalDate
    let speed: Double?
    let maildir: String?
    /// Where the ledger goes; default: a new temporary folder.
    var stateDirectory: String? = nil

    func run() throws {
        let zone = TimeZone.vietnam
        let origin = LocalInstant.date(day: start, time: TimeOfDay(hour: 0, minute: 0)!, zone: zone)
        let finish = LocalInstant.date(day: end, time: TimeOfDay(hour: 23, minute: 59)!, zone: zone)
        let rate = speed ?? max(1, finish.timeIntervalSince(origin) / 40)
        let work = stateDirectory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("nhacviec-rehearsal-\(getpid())").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let mailbox = maildir ?? work + "/Maildir"
        let sendmail = try Self.maildirSendmail()
        var settings = configuration.settings
        settings.sendmailCommand = [sendmail, "--maildir", mailbox, "-oi"]
        settings.statePath = work + "/state.sqlite"
        var rehearsed = configuration
        rehearsed.settings = settings
        Wiring.bootstrapLogging(forceStderr: true)
        let database = try AppDatabase.openForDaemon(path: settings.statePath)
        let key = try ReplyKey.loadOrCreate(at: Wiring.replyKeyPath(settings))
        let clock = VirtualClock(origin: origin, speed: rate, realStart: Date())
        print("State: \(settings.statePath)")
        print("Rehearsing \(rehearsed.plans.map(\.plan.id).joined(separator: ", ")) from \(start.iso) to \(end.iso) "
              + "at \(Int(rate))× (\(Int(finish.timeIntervalSince(origin) / rate)) s); state in \(work)")
        fflush(nil)
        let environment = DaemonEnvironment(
            loadConfiguration: { [settings] in
                var fresh = try Wiring.loader(scheduleWarnings: false).load(mainFile: mainFile)
                fresh.settings = settings
                return fresh
            },
            ledger: SQLiteLedger(database: database), makeTransport: Wiring.transport,
            makeRenderer: { Wiring.renderer($0, key: key) },
            clock: clock, logger: Logger(label: "nhacviec"), lateAfter: max(600, rate * 2), stopGrace: settings.sendmailTimeout)
        let summary = Self.summaryScript(next: sendmail)
        let daemon = Daemon(configuration: rehearsed, environment: environment, onExit: { code in
            print("\nDelivered to \(mailbox):")
            fflush(nil)  // the summary script writes to the same terminal
            Self.printSummary(script: summary, maildir: mailbox)
            exit(code)
        })
        Self.stop(daemon, when: finish, on: clock)
        DaemonLauncher.start(daemon)
    }

    /// Stops the daemon once the virtual clock reaches `finish`; it stands still during deliveries, so re-check.
    static func stop(_ daemon: Daemon, when finish: Date, on clock: VirtualClock) {
        DispatchQueue.global().asyncAfter(deadline: .now() + clock.realDelay(until: finish) + 0.01) {
            if clock.now() >= finish { daemon.stop() } else { stop(daemon, when: finish, on: clock) }
        }
    }

    /// The bundled sendmail-compatible script that writes a Maildir: installed, or in the source tree.
    static func maildirSendmail() throws -> String {
        let binary = (Bundle.main.executablePath ?? CommandLine.arguments[0]) as NSString
        let executable = (binary.resolvingSymlinksInPath as NSString).deletingLastPathComponent
        let candidates = [
            ProcessInfo.processInfo.environment["NHACVIEC_REHEARSAL_SENDMAIL"],
            ((executable + "/../share/nhacviec/maildir-sendmail") as NSString).standardizingPath,
            ((executable + "/../../scripts/rehearsal/maildir-sendmail") as NSString).standardizingPath,
            ((executable + "/../../../scripts/rehearsal/maildir-sendmail") as NSString).standardizingPath,
            FileManager.default.currentDirectoryPath + "/scripts/rehearsal/maildir-sendmail",
        ].compactMap { $0 }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw RehearsalError(message: "cannot find maildir-sendmail (looked in \(candidates.joined(separator: ", ")))")
        }
        return found
    }

    static func summaryScript(next sendmail: String) -> String {
        (sendmail as NSString).deletingLastPathComponent + "/maildir-summary"
    }

    static func printSummary(script: String, maildir: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = [maildir]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            print("(cannot run \(script): \(error); the messages are in \(maildir)/new)")
        }
    }
}

/// A rehearsal that cannot start.
struct RehearsalError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
