import Testing
@testable import NhacViecInbound

/// Charsets, transfer encodings and encoded-words on small hand-made inputs.
struct CharsetTests {
    private func body(_ contentType: String, _ encoding: String, _ bytes: [UInt8]) throws -> String {
        let head = "From: a@b.vn\nContent-Type: \(contentType)\nContent-Transfer-Encoding: \(encoding)\n\n"
        return try InboundMessage(bytes: Array(head.utf8) + bytes).body
    }

    @Test("iso-8859-1 and us-ascii bodies decode; 8-bit bytes under an ASCII label are read as UTF-8")
    func latin1AndASCII() throws {
        #expect(try body("text/plain; charset=ISO-8859-1", "8bit", [0x45, 0x6C, 0xE8, 0x76, 0x65]) == "Elève")
        #expect(try body("text/plain; charset=us-ascii", "7bit", Array("Xong".utf8)) == "Xong")
        #expect(try body("text/plain; charset=us-ascii", "8bit", Array("Đã xong".utf8)) == "Đã xong")
    }

    @Test("an unknown or missing label reads valid UTF-8 as UTF-8 and anything else as windows-1258")
    func unknownLabel() throws {
        #expect(try body("text/plain; charset=x-unknown", "8bit", Array("Hoàn thành".utf8)) == "Hoàn thành")
        #expect(try body("text/plain", "8bit", [0xD0, 0x61, 0xDE, 0x20, 0x78, 0x6F, 0x6E, 0x67]) == "Đã xong")
    }

    @Test("invalid UTF-8 under a UTF-8 label becomes U+FFFD instead of failing")
    func invalidUTF8() throws {
        #expect(try body("text/plain; charset=utf-8", "8bit", [0x58, 0xFF, 0x6F, 0x6E, 0x67]) == "X\u{FFFD}ong")
    }

    @Test("quoted-printable soft breaks join, escapes decode, and base64 tolerates missing padding and junk")
    func transferEncodings() {
        #expect(TransferDecoding.quotedPrintable(Array("=C4=90=C3=A3 ho=\nàn  \nx=3d".utf8)) == Array("Đã hoàn\nx=".utf8))
        #expect(TransferDecoding.base64(Array("WG9u\nZw".utf8)) == Array("Xong".utf8))
        #expect(TransferDecoding.base64(Array("WG9uZw==".utf8)) == Array("Xong".utf8))
    }

    @Test("encoded-words in B and Q, in utf-8, windows-1258, iso-8859-1 and us-ascii, lose the space between them")
    func encodedWords() {
        #expect(EncodedWordDecoder.decode("=?UTF-8?B?xJDDow==?= =?utf-8?q?_ho=C3=A0n?=") == "Đã hoàn")
        #expect(EncodedWordDecoder.decode("=?windows-1258?Q?=D0a=DE_xong?=").precomposedNFC == "Đã xong")
        #expect(EncodedWordDecoder.decode("=?iso-8859-1?q?=E8?= x =?us-ascii?Q?ok?=") == "è x ok")
        #expect(EncodedWordDecoder.decode("=?utf-8*vi?B?WG9uZw==?=") == "Xong")
    }

    @Test("a UTF-8 character split across two encoded-words is joined, as some clients write it")
    func splitCharacter() {
        // "Đ" is C4 90: the first word ends after C4.
        #expect(EncodedWordDecoder.decode("=?utf-8?Q?=C4?= =?utf-8?Q?=90=C3=A3?=") == "Đã")
    }

    @Test("a leading mbox From line is skipped and header field names are case-insensitive")
    func mboxLine() throws {
        let raw = "From vhxh@badon.example.gov.vn Fri Dec 12 08:14:02 2025\nRETURN-PATH: <vhxh@badon.example.gov.vn>\nfrom: vhxh@badon.example.gov.vn\n\nXong\n"
        let message = try InboundMessage(bytes: Array(raw.utf8))
        #expect(message.from == "vhxh@badon.example.gov.vn")
        #expect(message.returnPath == "vhxh@badon.example.gov.vn")
        #expect(message.body == "Xong\n")
    }

    @Test("address lists keep only addresses, across quoted commas, comments and groups")
    func addressLists() {
        #expect(AddressList.addresses(in: "\"Lê, Văn Nam\" <nam@x.vn>, b@y.vn (Phòng B), Nhóm: c@z.vn, d@z.vn;, junk")
                == ["nam@x.vn", "b@y.vn", "c@z.vn", "d@z.vn"])
        #expect(AddressList.addresses(in: "undisclosed-recipients:;") == [])
    }
}
