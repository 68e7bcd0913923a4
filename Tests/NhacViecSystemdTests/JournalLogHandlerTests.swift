import Logging
import NhacViecSystemd
import Testing

struct JournalLogHandlerTests {
    @Test("metadata keys become NHACVIEC_ fields journald will keep", arguments: [
        ("plan", "NHACVIEC_PLAN"), ("mail_id", "NHACVIEC_MAIL_ID"), ("mail-id", "NHACVIEC_MAIL_ID"),
        ("2fa", "NHACVIEC_2FA"), ("_private", "NHACVIEC__PRIVATE"), ("phòng", "NHACVIEC_PH_NG"), ("message_id", "MESSAGE_ID"),
    ])
    func keysAreSanitized(key: String, field: String) {
        #expect(JournalFields.fieldName(forMetadataKey: key) == field)
        #expect(JournalFields.isValid(field))
    }

    @Test("an overlong key is cut to 64 characters")
    func longKeysAreCut() {
        let name = JournalFields.fieldName(forMetadataKey: String(repeating: "x", count: 100))
        #expect(name.count == 64 && JournalFields.isValid(name))
    }

    @Test("logging through the handler itself returns normally, socket or not")
    func loggingDoesNotCrash() {
        let logger = Logger(label: "test", factory: { _ in JournalLogHandler() })
        logger.warning("thử nghiệm", metadata: ["plan": "p", "task": "t", "message_id": "c23f58e8ab1c416abfd53d32c8d2a7b3"])
        logger.error("second entry")
    }

    @Test("an entry carries message, priority, identifier, code location and metadata")
    func entryFields() {
        var handler = JournalLogHandler()
        handler[metadataKey: "plan"] = "ba-don-2025"
        let fields = handler.fields(level: .warning, message: "thử", metadata: ["task": "giay-moi", "message_id": "abc"],
                                    file: "Daemon.swift", function: "fire()", line: 42)
        let map = Dictionary(fields, uniquingKeysWith: { a, _ in a })
        #expect(map["MESSAGE"] == "thử")
        #expect(map["PRIORITY"] == "4")
        #expect(map["SYSLOG_IDENTIFIER"] == "nhacviec")
        #expect(map["CODE_FILE"] == "Daemon.swift" && map["CODE_LINE"] == "42" && map["CODE_FUNC"] == "fire()")
        #expect(map["NHACVIEC_PLAN"] == "ba-don-2025" && map["NHACVIEC_TASK"] == "giay-moi" && map["MESSAGE_ID"] == "abc")
        #expect(fields.allSatisfy { JournalFields.isValid($0.0) })
    }
}
