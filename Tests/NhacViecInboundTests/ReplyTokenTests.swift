import Foundation
import Testing
import TestSupport
@testable import NhacViecInbound

/// Reply tokens and addresses: round trip, forgery, case, and the index that maps a token back.
struct ReplyTokenTests {
    let key = try! ReplyKey(bytes: Array(0..<32))
    let target = ReplyTarget(plan: "ba-don-2025", task: "tra-loi-van-ban", department: "van-phong")

    @Test("a token is 16 lowercase base32 characters, stable for one key and target")
    func shape() {
        let token = ReplyToken(for: target, key: key)
        #expect(token.text.count == 16)
        #expect(token.text.allSatisfy { "abcdefghijklmnopqrstuvwxyz234567".contains($0) })
        #expect(ReplyToken(for: target, key: key) == token)
    }

    @Test("the token is HMAC-SHA256 of the length-prefixed ids, truncated to 80 bits, as Python computes it")
    func matchesPython() throws {
        let script = """
            import hmac, hashlib, base64, struct
            data = b"nhacviec-reply-v1" + b"".join(struct.pack(">I", len(s)) + s for s in
                   [x.encode() for x in ["ba-don-2025", "tra-loi-van-ban", "van-phong"]])
            mac = hmac.new(bytes(range(32)), data, hashlib.sha256).digest()[:10]
            print(base64.b32encode(mac).decode().lower().rstrip("="))
            """
        #expect(try PythonScript.run(script).trimmingCharacters(in: .whitespacesAndNewlines) == ReplyToken(for: target, key: key).text)
    }

    @Test("the token verifies for its own target and key only")
    func verification() throws {
        let token = ReplyToken(for: target, key: key)
        #expect(token.verifies(target, key: key))
        #expect(!token.verifies(ReplyTarget(plan: "ba-don-2025", task: "tra-loi-van-ban", department: "cong-an"), key: key))
        #expect(!token.verifies(target, key: try ReplyKey(bytes: Array(1...32))))
        // Moving a hyphen between ids must change the input, hence the length prefixes.
        let shifted = ReplyTarget(plan: "ba-don-2025-tra", task: "loi-van-ban", department: "van-phong")
        #expect(ReplyToken(for: shifted, key: key) != token)
    }

    @Test("an address round-trips through the envelope recipient, in any case and in angle brackets")
    func addressRoundTrip() throws {
        let reply = try ReplyAddress(replyTo: "nhacviec@badon.example.gov.vn")
        let token = ReplyToken(for: target, key: key)
        let address = reply.address(for: token)
        #expect(address == "nhacviec+\(token.text)@badon.example.gov.vn")
        #expect(reply.token(inRecipient: address) == token)
        #expect(reply.token(inRecipient: "<\(address.uppercased())>") == token)
        #expect(reply.token(inRecipient: "Nhắc việc <\(address)>") == token)
        #expect(reply.token(inRecipient: "nhacviec@badon.example.gov.vn") == nil)
        #expect(reply.token(inRecipient: "nhacviec+\(token.text)@other.example") == nil)
        #expect(reply.token(inRecipient: "other+\(token.text)@badon.example.gov.vn") == nil)
        #expect(reply.token(inRecipient: "nhacviec+\(token.text)x@badon.example.gov.vn") == nil)
    }

    @Test("a configured reply-to that is not a plain address is refused")
    func invalidReplyTo() {
        for bad in ["nhacviec", "nhacviec+x@badon.vn", "Nhắc việc <nhacviec@badon.vn>", ""] {
            #expect(throws: InboundError.self, "\(bad)") { try ReplyAddress(replyTo: bad) }
        }
    }

    @Test("the index finds a token's target, and a forged or altered token finds nothing")
    func index() throws {
        let targets = (1...50).flatMap { task in
            ["van-phong", "cong-an", "vhxh"].map { ReplyTarget(plan: "ba-don-2025", task: "task-\(task)", department: $0) }
        }
        let index = ReplyTokenIndex(key: key, targets: targets)
        #expect(index.count == 150)
        let wanted = targets[77]
        #expect(index.target(for: ReplyToken(for: wanted, key: key)) == wanted)
        let forged = try #require(ReplyToken(text: "aaaaaaaaaaaaaaaa"))
        #expect(index.target(for: forged) == nil)
        var altered = ReplyToken(for: wanted, key: key).text
        altered = String(altered.dropLast()) + (altered.hasSuffix("a") ? "b" : "a")
        #expect(index.target(for: try #require(ReplyToken(text: altered))) == nil)
        #expect(index.target(for: ReplyToken(for: wanted, key: try ReplyKey(bytes: Array(repeating: 7, count: 32)))) == nil)
    }

    @Test("text that is not 16 base32 characters is no token")
    func malformedTokens() {
        for text in ["", "abc", "aaaaaaaaaaaaaaa1", "aaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaa=", "ààààààààààààààà"] {
            #expect(ReplyToken(text: text) == nil, "\(text)")
        }
        #expect(ReplyToken(text: "AAAAAAAAAAAAAAAA")?.text == "aaaaaaaaaaaaaaaa")
    }

    @Test("base32 matches RFC 4648's test vectors, lowercased and unpadded")
    func base32Vectors() {
        let vectors = ["": "", "f": "my", "fo": "mzxq", "foo": "mzxw6", "foob": "mzxw6yq", "fooba": "mzxw6ytb", "foobar": "mzxw6ytboi"]
        for (plain, encoded) in vectors {
            #expect(Base32.encode(Array(plain.utf8)) == encoded)
            #expect(Base32.decode(encoded) == Array(plain.utf8))
        }
    }
}

/// Where the token is looked for when postfix does not pass the recipient.
struct ReplyRecipientTests {
    @Test("the envelope recipient alone decides when given; without it Delivered-To, then To and Cc")
    func fallbacks() throws {
        let reply = try ReplyAddress(replyTo: "nhacviec@badon.example.gov.vn")
        let gmail = try Fixture.message("gmail-alternative-qp.eml")
        let fromHeaders = try #require(reply.token(recipient: nil, message: gmail))
        #expect(fromHeaders.text == "q3vbn5wk2rty7xhu")
        let envelope = reply.token(recipient: "nhacviec+aaaaaaaaaaaaaaaa@badon.example.gov.vn", message: gmail)
        #expect(envelope?.text == "aaaaaaaaaaaaaaaa")
        let apple = try Fixture.message("apple-iphone.eml")
        #expect(reply.token(recipient: nil, message: apple)?.text == "wd4kzbm3p6txr2va")
        let plain = try InboundMessage(bytes: Array("To: nhacviec@badon.example.gov.vn\nCc: x+aaaaaaaaaaaaaaaa@y.vn\n\nXong\n".utf8))
        #expect(reply.token(recipient: nil, message: plain) == nil)
        #expect(reply.token(recipient: "nhacviec+notatoken@badon.example.gov.vn", message: gmail) == nil)
    }

    @Test("every recorded reply carries a well-formed token in its headers, as a real reply address would")
    func fixturesCarryTokens() throws {
        let reply = try ReplyAddress(replyTo: "nhacviec@badon.example.gov.vn")
        for name in ["thunderbird-flowed.eml", "outlook-html-windows-1258.eml", "outlook-related-utf8.eml",
                     "gmail-alternative-qp.eml", "gmail-html-only.eml", "apple-iphone.eml", "apple-iphone-question.eml",
                     "android-samsung.eml", "plain-windows-1258.eml", "vacation-auto-reply.eml", "broken-mime.eml"] {
            #expect(reply.token(recipient: nil, message: try Fixture.message(name)) != nil, "\(name)")
        }
    }
}
