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
            exits 78 (EX_CONFIG), and so does a lost ledger.

            Plan files that did not change since the last start or reload are read from their compiled form in the \
            plan cache ($CACHE_DIRECTORY/plans under the unit, else plan-cache/ beside the state file), which is \
            used only when it matches the file's SHA-256 and this binary; NHACVIEC_PLAN_CACHE=off reads every plan's \
            text. check and the other commands always read the text.

            The ledger (the state file) is never silently recreated: when it is missing or empty in a directory \
            that held one, the daemon refuses to start. Restore it from a backup, or start afresh on purpose with \
            --new-ledger, as the service's user (runuser -u nhacviec -- nhacviec run --new-ledger, then Ctrl-C and \
            systemctl start nhacviec). Reminders due before that moment are then not sent, since their history \
            is gone, unless --catch-up is added.

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
    @Option(help: ArgumentHelp("Rehearsal: keep its ledger (DIR/state.sqlite) and reply key here, for status or petitions report --state afterwards; default: a new temporary folder.", valueName: "DIR"))
    var stateDir: String?
    @Flag(help: "Start a new, empty ledger because the old one is lost (missing or empty); reminders due before now are not sent.")
    var newLedger = false
    @Flag(help: "With --new-ledger: also send what the catch-up window holds from before now (recipients may get some twice).")
    var catchUp = false

    func validate() throws {
        if catchUp && !newLedger { throw ValidationError("--catch-up only goes with --new-ledger") }
        if newLedger && rehearseFrom != nil { throw ValidationError("--new-ledger is for the daemon, not a rehearsal") }
        if stateDir != nil && rehearseFrom == nil { throw ValidationError("--state-dir is for a rehearsal (--rehearse-from)") }
    }

    func run() throws {
        // The daemon reads unchanged plans from their compiled form; a rehearsal, like check, reads the text.
        let loaded = try options.load(failureCode: 78, scheduleWarnings: false, planCache: rehearseFrom == nil ? Wiring.planCache : nil)
        if let rehearseFrom {
            let start = try DateArgument.parse(rehearseFrom, option: "--rehearse-from")
            let end = try until.map { try DateArgument.parse($0, option: "--until") } ?? start.adding(days: 120)
            guard end > start else { throw ValidationError("--until must be after --rehearse-from") }
            try Rehearsal(configuration: loaded, mainFile: options.config, start: start, end: end, speed: speed,
                          maildir: maildir, stateDirectory: stateDir).run()
        } else {
            try DaemonLauncher.runForever(configuration: loaded, mainFile: options.config, newLedger: newLedger, catchUp: catchUp)
        }
    }
}
