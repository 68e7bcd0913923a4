import ArgumentParser
import Foundation
import NhacViecConfig
import NhacViecCore
import NhacViecDaemon

/// `nhacviec run`: the daemon, or a rehearsal of it against a fast virtual clock.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the reminder daemon (systemd starts this), or rehearse a plan with --rehearse-from.",
        discussion: """
            The daemon sleeps on one wall-clock timer until the next reminder, sends it through sendmail, records \
            it in the state file and logs to the journal. It rejects a configuration exactly as `check` does \
            (provisional-holiday warnings are left to `check`). SIGHUP reloads the configuration (a broken one is \
            rejected and the old one kept); SIGTERM stops after any sendmail in flight. A configuration error \
            exits 78 (EX_CONFIG).

            Rehearsal: --rehearse-from DATE runs the same daemon on a virtual clock starting at DATE and running \
            --speed times faster, with a temporary state file and a sendmail that writes a local Maildir; at \
            --until it stops and prints what was delivered.
            """
    )

    @OptionGroup var options: ConfigOption
    @Option(help: ArgumentHelp("Rehearse from this date (YYYY-MM-DD, 00:00 Asia/Ho_Chi_Minh) on a virtual clock.", valueName: "DATE"))
    var rehearseFrom: String?
    @Option(help: ArgumentHelp("Rehearsal end (YYYY-MM-DD); default: 120 days after --rehearse-from.", valueName: "DATE"))
    var until: String?
    @Option(help: "Virtual seconds per real second; default: the rehearsal window in about 40 s.")
    var speed: Double?
    @Option(help: ArgumentHelp("Rehearsal Maildir; default: a new temporary folder.", valueName: "DIR"))
    var maildir: String?

    func run() throws {
        let loaded = try options.load(failureCode: 78, scheduleWarnings: false)
        if let rehearseFrom {
            let start = try DateArgument.parse(rehearseFrom, option: "--rehearse-from")
            let end = try until.map { try DateArgument.parse($0, option: "--until") } ?? start.adding(days: 120)
            guard end > start else { throw ValidationError("--until must be after --rehearse-from") }
            try Rehearsal(configuration: loaded, mainFile: options.config, start: start, end: end, speed: speed,
                          maildir: maildir).run()
        } else {
            try DaemonLauncher.runForever(configuration: loaded, mainFile: options.config)
        }
    }
}
