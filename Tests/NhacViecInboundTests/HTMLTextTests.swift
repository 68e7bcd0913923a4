import Testing
@testable import NhacViecInbound

/// HTML bodies as text: what is hidden, where lines break, what is quoted, how references decode.
struct HTMLTextTests {
    @Test("head, style and script vanish; br, p and div break lines")
    func structure() {
        let html = "<html><head><title>T</title><style>p{color:red}</style></head><body><script>alert(1)</script>"
            + "<p>Một</p><div>Hai<br>Ba</div>Bốn<BR/>Năm</body></html>"
        #expect(HTMLText.plainText(html) == "Một\nHai\nBa\nBốn\nNăm")
    }

    @Test("blockquote content is prefixed with > per level")
    func quotes() {
        let html = "Xong<blockquote>Kính gửi<br>Phòng<blockquote>Cũ hơn</blockquote></blockquote>Sau"
        #expect(HTMLText.plainText(html) == "Xong\n> Kính gửi\n> Phòng\n>> Cũ hơn\nSau")
    }

    @Test("named, decimal and hexadecimal references decode; unknown ones stay as written")
    func entities() {
        #expect(HTMLText.plainText("Đ&#7897;i&nbsp;&amp;&#x1EA1;&lt;&gt;&quot;&Ecirc;&foo;&#0;") == "Đội &ạ<>\"Ê&foo;&#0;")
    }

    @Test("whitespace collapses as a browser shows it, and comments and conditional blocks are dropped")
    func whitespace() {
        #expect(HTMLText.plainText("  Đã\n   hoàn <!-- x --> thành <![if !supportLists]>·<![endif]> ") == "Đã hoàn thành ·")
        #expect(HTMLText.plainText("a < b and <b>c</b>") == "a < b and c")
    }

    @Test("an unclosed style, an unclosed quote or a stray < keeps the text that follows")
    func malformed() {
        #expect(HTMLText.plainText("<style>p{}") == "p{}")
        #expect(HTMLText.plainText("Xong <p class=\"x") == "Xong <p class=\"x")
        #expect(HTMLText.plainText("<") == "<")
    }
}

/// Hostile HTML must not turn the one-message-per-process inbound command into a hang.
struct HTMLTextCostTests {
    @Test("pathological markup (unclosed quotes, unclosed styles, no >) converts in well under a second", arguments: [
        String(repeating: "<a \"", count: 50_000),
        String(repeating: "<style>", count: 50_000),
        String(repeating: "<p class=\"x", count: 20_000) + ">",
        String(repeating: "<!--", count: 50_000),
        String(repeating: "</", count: 100_000) + "<style>" + String(repeating: "</x>", count: 50_000),
    ])
    func linear(html: String) {
        let clock = ContinuousClock()
        var text = ""
        let elapsed = clock.measure { text = HTMLText.plainText(html) }
        #expect(elapsed < .seconds(2), "took \(elapsed)")
        #expect(text.count <= html.count)
    }

    @Test("a tag longer than the quoted-scan limit, such as an inline data: image, still ends at its >")
    func longTag() {
        let image = "<img src=\"data:image/png;base64," + String(repeating: "A", count: 5000) + "\">"
        #expect(HTMLText.plainText("Xong" + image + "<br>Sau") == "Xong\nSau")
    }
}
