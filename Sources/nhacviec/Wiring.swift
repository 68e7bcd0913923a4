import Foundation
import Logging
import NhacViecConfig
import NhacViecCore
import NhacViecInbound
import NhacViecMail
import NhacViecStore
import NhacViecSystemd

/// The one place that bootstraps logging and joins the adapters to the daemon.
enum Wiring {
    /// Journal when a journal socket exists and stderr is not a terminal; readable stderr lines otherwise.
    /// `NHACVIEC_LOG=stderr` or `=journal` overrides the choice.
    /// `audit` events (done, reopen) go to the journal whenever there is one, terminal or not.
    static func bootstrapLogging(forceStderr: Bool = false, audit: Bool = false) {
        let choice = ProcessInfo.processInfo.environment["NHACVIEC_LOG"]
        let automatic = JournalLogHandler.isAvailable && (audit || isatty(2) == 0)
        let useJournal = !forceStderr && (choice == "journal" || (choice != "stderr" && automatic))
        LoggingSystem.bootstrap { label in
            if useJournal { return JournalLogHandler() }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
    }

    /// The configuration loader, checking mail templates with the mail builder's parser.
    static func loader(scheduleWarnings: Bool = true, source: ConfigurationSource = DiskConfigurationSource(),
                       planCache: (@Sendable (MainSettings) -> PlanCache?)? = nil) -> ConfigurationLoader {
        ConfigurationLoader(source: source, templateProblems: { MessageComposer.validate(templates: $0) },
                            scheduleWarnings: scheduleWarnings, planCache: planCache)
    }

    /// The daemon's plan cache: `plans` under systemd's `CacheDirectory=` when the unit has one, else `plan-cache`
    /// beside the state file; `NHACVIEC_PLAN_CACHE=off` reads every plan's text at every start.
    @Sendable static func planCache(_ settings: MainSettings) -> PlanCache? {
        let environment = ProcessInfo.processInfo.environment
        guard environment["NHACVIEC_PLAN_CACHE"] != "off" else { return nil }
        let directory = environment["CACHE_DIRECTORY"].flatMap { $0.split(separator: ":").first.map { "\($0)/plans" } }
            ?? URL(fileURLWithPath: settings.statePath).deletingLastPathComponent().appendingPathComponent("plan-cache").path
        return PlanCache(directory: directory, build: build)
    }

    /// The daemon's plan cache as the other commands see it, read-only. From a shell or postfix's pipe there is no
    /// `CACHE_DIRECTORY`: the folder beside the state file is taken when it exists (a daemon run outside systemd),
    /// else the unit's `/var/cache/nhacviec/plans`. Building the compiled form is the daemon's work; a command that
    /// finds no entry reads the text.
    @Sendable static func readOnlyPlanCache(_ settings: MainSettings) -> PlanCache? {
        guard let cache = planCache(settings) else { return nil }
        func isDirectory(_ path: String) -> Bool {
            var directory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
        }
        let unit = "/var/cache/nhacviec/plans"
        let directory = ProcessInfo.processInfo.environment["CACHE_DIRECTORY"] == nil && !isDirectory(cache.directory)
            && isDirectory(unit) ? unit : cache.directory
        return PlanCache(directory: directory, build: cache.build, isReadOnly: true)
    }

    private static let build = PlanCache.currentBuild()

    @Sendable static func transport(_ settings: MainSettings) -> any MailTransport {
        SendmailTransport(command: settings.sendmailCommand, timeout: settings.sendmailTimeout,
                          temporaryExitCodes: settings.temporaryExitCodes)
    }

    /// The mail builder; with `mail.reply-to` and the reply key, each department's copy gets its own reply address.
    static func renderer(_ settings: MainSettings, key: ReplyKey?) -> any MessageRenderer {
        guard let key, let replyTo = settings.replyTo, let address = try? ReplyAddress(replyTo: replyTo) else {
            return MessageComposer(from: settings.from, envelopeSender: settings.envelopeSender)
        }
        return MessageComposer(from: settings.from, envelopeSender: settings.envelopeSender, replyAddress: { task, department in
            address.address(for: ReplyToken(for: ReplyTarget(plan: task.planID, task: task.taskID, department: department), key: key))
        }, bounceAddress: { id in address.address(for: CopyToken(.bounce, copy: id, key: key)) },
        copyReplyAddress: { id in address.address(for: CopyToken(.reply, copy: id, key: key)) })
    }

    /// The reply key beside the state file: made on the daemon's first start, readable by the service's user only.
    static func replyKeyPath(_ settings: MainSettings) -> String {
        URL(fileURLWithPath: settings.statePath).deletingLastPathComponent().appendingPathComponent("reply.key").path
    }
}
