import ArgumentParser
import Foundation
import Logging
import NhacViecConfig
import NhacViecCore
import NhacViecDaemon
import NhacViecInbound
import NhacViecMail
import NhacViecStore

/// `nhacviec inbound`: one received message on standard input, as postfix's pipe(8) hands it over.
struct InboundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbound",
        abstract: "Read one reply to a reminder on standard input: record a completion, or forward it to people.",
        discussion: """
            postfix runs this through pipe(8) as the nhacviec user (see docs/operations.md). A reply whose first own \
            line says "Đã hoàn thành", "Xong", "Đã trả lời tại văn bản số …" (diacritics optional) marks the replying \
            department's part done and is acknowledged. A question, an unknown or forged reply address, or an \
            unreadable message is forwarded to the plan's admins (or to mail.postmaster) as an attachment; an \
            automatic message (vacation, bounce) is forwarded, never answered.

            Exit status: 0 once the message is recorded or forwarded; 75 (EX_TEMPFAIL, postfix retries later) when the \
            state file is busy or its disk full, or nothing could be forwarded; never 0 when nothing was recorded and \
            nothing forwarded.
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
            try InboundDelivery(configuration: configuration, logger: logger).handle(input, recipient: recipient)
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
