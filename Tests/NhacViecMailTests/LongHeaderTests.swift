import Foundation
import NhacViecCore
import NhacViecMail
import Testing
import TestSupport

/// Names and titles far longer than a header line are folded into encoded-words, never written as one long line.
struct LongHeaderTests {
    /// What Python makes of the long headers: the subject, and `To` decoded by RFC 2047's rules.
    struct Reading: Decodable {
        let subject: String
        let to: String
        let displayName: String
        let defects: [String]
    }

    /// `decode_header` joins adjacent encoded-words as RFC 2047 says; the modern display-name parser of Python
    /// before 3.14 keeps a space between them (CPython gh-128110), so it is compared without spaces.
    static let script = #"""
        import email, email.header, email.policy, json, sys
        out = []
        for path in sys.argv[1:]:
            raw = open(path, "rb").read()
            m = email.message_from_bytes(raw, policy=email.policy.default)
            old = email.message_from_bytes(raw)
            to = str(email.header.make_header(email.header.decode_header(old["To"].replace("\r\n", ""))))
            defects = [type(d).__name__ for d in m.defects]
            for _, value in m.items():
                defects += [type(d).__name__ for d in getattr(value, "defects", ())]
            out.append({"subject": str(m["Subject"]), "to": to,
                        "displayName": m["To"].addresses[0].display_name, "defects": defects})
        json.dump(out, sys.stdout)
        """#

    static let names = [
        String(repeating: "A", count: 5_000),
        String(repeating: "Đ", count: 5_000),
        String(repeating: "aỦ", count: 2_500),
        String(repeating: "x", count: 80) + " " + String(repeating: "Phòng ", count: 100) + "👩‍👩‍👧‍👦" + String(repeating: "z", count: 200),
    ]

    /// The invitation reminder with the name as the owner's department name and as the task title.
    static func render(_ name: String) throws -> OutgoingMail {
        var plan = BaDonMail.plan
        plan.departments[0].name = name
        plan.tasks[0].title = name
        return try BaDonMail.render(BaDonMail.instance(.advance, "2025-12-05"), plan: plan)
    }

    @Test("no header line exceeds 78 octets, whatever the length of a name or title", arguments: names)
    func everyLineFits(name: String) throws {
        let mail = try Self.render(name)
        let lines = ParsedMessage(mail.data).lines
        #expect(lines.count > 100, "the long values should fold over many lines")
        for line in lines {
            #expect(line.utf8.count <= 78, "\(line.utf8.count) octets: \(line.prefix(100))")
        }
    }

    @Test("Python decodes the folded subject and display name back to the original text", arguments: names)
    func pythonDecodesLongValues(name: String) throws {
        let readings = try JSONDecoder().decode([Reading].self, from: PythonEmailTests.run(Self.script, on: [Self.render(name)]))
        try #require(readings.count == 1)
        let reading = readings[0]
        #expect(reading.defects.isEmpty, "Python found defects: \(reading.defects)")
        // The subject keeps its tag and deadline and gives up the end of the title, to stay within 150 characters.
        let head = "[Nhắc việc] V/v ", tail = "… – chậm nhất ngày 12/12/2025"
        #expect(reading.subject.unicodeScalars.count <= 150 && reading.subject.unicodeScalars.count >= 100)
        #expect(reading.subject.hasPrefix(head) && reading.subject.hasSuffix(tail), "\(reading.subject)")
        #expect(name.hasPrefix(reading.subject.dropFirst(head.count).dropLast(tail.count)))
        #expect(reading.to == "\(name) <vanphong@badon.example.gov.vn>")
        #expect(reading.displayName.filter { $0 != " " } == name.filter { $0 != " " })
    }
}
