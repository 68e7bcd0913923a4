import ArgumentParser
import Foundation
import Logging
import NhacViecConfig
import NhacViecCore
import NhacViecInbound
import NhacViecMail
import NhacViecOffice
import NhacViecStore

/// `nhacviec inbound`: one received message on standard input, as postfix's pipe(8) hands it over.
struct InboundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbound",
        abstract: "Read one reply to a reminder on standard input: record a completion, or forward it to people.",
        discussion: """
            postfix runs this through pipe(8) as the nhacviec user (see docs/operations.md). The envelope recipient's \
            token is checked first; mail without a genuine one is never read past its header. A reply whose own text \
            reports the work done ("Đã hoàn thành", "Xong", "Đã trả lời tại văn bản số 45/UBND-VP ngày 20/12/2025"; \
            diacritics optional) marks the replying department's part done and is acknowledged; a later reply that \
            brings a document number or date updates it. A question, a denial, partial progress, an unknown or forged \
            address, or an unreadable message is forwarded to the plan's admins (or to mail.postmaster). Automatic \
            mail (vacation, Exchange auto-replies, lists) is forwarded, never answered. A delivery report about a \
            reminder marks the address undeliverable (see status). Every answer and forward goes out with the null \
            envelope sender, and at most 10 forwards an hour reach one address.

            Exit status: 0 once the message is recorded, forwarded, held back by the rate limit, or its forward was \
            refused for good (logged; a retry would change nothing); 75 (EX_TEMPFAIL, postfix retries later) when the \
            state file is busy or its disk full, sendmail fails for now, or there is nobody to forward to.
            """
    )

    @OptionGroup var options: ConfigOption
    @Option(help: ArgumentHelp("The envelope recipient (pipe(8)'s ${original_recipient}); default: Delivered-To, then To.",
                               valueName: "ADDR"))
    var recipient: String?

    func run() throws {
        Wiring.bootstrapLogging(audit: true)
        let logger = Logger(label: "nhacviec")
        let input = FileHandle.standardInput.readDataToEndOfFile()
        do {
            let configuration = try options.load(failureCode: 75, scheduleWarnings: false)
            let settings = configuration.settings
            let ledger = SQLiteLedger(database: try AppDatabase.openForClient(path: settings.statePath))
            let key = settings.replyTo == nil ? nil : try ReplyKey.load(from: Wiring.replyKeyPath(settings))
            let intake = ReplyIntake(configuration: configuration, ledger: ledger, transport: Wiring.transport(settings), key: key,
                                     logger: logger, now: Date())
            try intake.take(input, recipient: recipient)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            logger.error("inbound: the message was neither recorded nor forwarded; the MTA will retry: \(error)",
                         metadata: ["message_id": .string(JournalMessageID.inboundDeferred)])
            Output.error("nhacviec inbound: \(error)")
            throw ExitCode(75)
        }
    }
}
