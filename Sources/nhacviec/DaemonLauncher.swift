import Dispatch
import Foundation
import Logging
import NhacViecConfig
import NhacViecCore
import NhacViecOffice
import NhacViecDaemon
import NhacViecInbound
import NhacViecStore
import NhacViecSystemd

/// Starts the production daemon; kept out of the command so no handler is main-actor isolated.
enum DaemonLauncher {
    static func runForever(configuration: Configuration, mainFile: String, newLedger: Bool, catchUp: Bool) throws -> Never {
        Wiring.bootstrapLogging()
        let logger = Logger(label: "nhacviec")
        let database: AppDatabase
        let historyStartsAt: Date?
        do {
            database = try AppDatabase.openForDaemon(path: configuration.settings.statePath, startAfresh: newLedger)
            historyStartsAt = catchUp ? nil : try database.freshStart()
        } catch {
            logger.critical("\(error)")
            Output.error("nhacviec: \(error)")
            // A lost ledger is the admin's to settle: 78 is in RestartPreventExitStatus, so systemd does not loop.
            exit((error as? StoreError)?.code == .lost ? 78 : 1)
        }
        let key: ReplyKey
        do { key = try ReplyKey.loadOrCreate(at: Wiring.replyKeyPath(configuration.settings)) } catch {
            logger.critical("cannot read or create the reply key: \(error)")
            Output.error("nhacviec: cannot read or create the reply key: \(error)")
            exit(1)
        }
        if newLedger {
            logger.warning("started with a new ledger\(catchUp ? ", catching up what the window holds" : "; reminders due before now are not sent")")
        }
        let ledger = SQLiteLedger(database: database)
        let environment = DaemonEnvironment(
            loadConfiguration: { try Wiring.loader(scheduleWarnings: false, planCache: Wiring.planCache).load(mainFile: mainFile) },
            ledger: ledger, makeTransport: Wiring.transport,
            makeRenderer: { Wiring.renderer($0, key: key) }, clock: SystemClock(), logger: logger, notifier: SystemdNotifier(),
            stopGrace: configuration.settings.sendmailTimeout + 5, historyStartsAt: historyStartsAt,
            onConfigurationLoaded: calendarRefresher(ledger: ledger, logger: logger))
        start(Daemon(configuration: configuration, environment: environment, onExit: { exit($0) }))
    }

    /// Rewrites every calendar file after the start and each accepted reload when `calendar-dir` is set, on a queue of
    /// its own (never a global one, which would start libdispatch's 1 Hz monitor): a failure is logged, never fatal.
    static func calendarRefresher(ledger: any OfficeLedger, logger: Logger) -> @Sendable (Configuration) -> Void {
        let queue = DispatchQueue(label: "nhacviec.calendar")
        return { configuration in
            guard let directory = configuration.settings.calendarDirectory else { return }
            queue.async {
                do {
                    let names = try CalendarFiles(configuration: configuration, directory: directory)
                        .writeAll(completions: try ledger.completions(), now: Date(), directoryMode: 0o775)
                    logger.info("calendar files written: \(names.count) in \(directory)")
                } catch {
                    logger.warning("calendar files in \(directory) could not be written: \(error); reminders are not affected")
                }
            }
        }
    }

    static func start(_ daemon: Daemon) -> Never {
        signal(SIGPIPE, SIG_IGN)
        daemon.start()
        dispatchMain()
    }
}
