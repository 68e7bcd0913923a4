import Dispatch
import Foundation
import Logging
import NhacViecConfig
import NhacViecCore
import NhacViecDaemon
import NhacViecStore
import NhacViecSystemd

/// Starts the production daemon; kept out of the command so no handler is main-actor isolated.
enum DaemonLauncher {
    static func runForever(configuration: Configuration, mainFile: String) throws -> Never {
        Wiring.bootstrapLogging()
        let logger = Logger(label: "nhacviec")
        let database: AppDatabase
        do {
            database = try AppDatabase.openForDaemon(path: configuration.settings.statePath)
        } catch {
            logger.critical("\(error)")
            Output.error("nhacviec: \(error)")
            exit(1)
        }
        let environment = DaemonEnvironment(
            loadConfiguration: { try Wiring.loader(scheduleWarnings: false).load(mainFile: mainFile) },
            ledger: SQLiteLedger(database: database), makeTransport: Wiring.transport,
            makeRenderer: Wiring.renderer, clock: SystemClock(), logger: logger, notifier: SystemdNotifier(),
            stopGrace: configuration.settings.sendmailTimeout + 5)
        start(Daemon(configuration: configuration, environment: environment, onExit: { exit($0) }))
    }

    static func start(_ daemon: Daemon) -> Never {
        signal(SIGPIPE, SIG_IGN)
        daemon.start()
        dispatchMain()
    }
}
