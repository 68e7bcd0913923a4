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

/// Hostile HTML must not turn the one-message-per-process inbound command into a hang: every scan's bytes are
/// counted, and the count stays a small multiple of the document's size whatever the markup.
struct HTMLTextCostTests {
    /// The most bytes looked at per byte of HTML: once by the main loop, twice by tags whose quoted values run
    /// past the quoted-scan limit, twice by the tag searches and once per hidden element (six) found unclosed.
    static let workPerByte = 12

    @Test("pathological markup (unclosed quotes, styles, end tags and comments, no >) costs work in proportion to it",
          arguments: [
              String(repeating: "<a \"", count: 50_000),
              String(repeating: "<style>", count: 50_000),
              String(repeating: "<p class=\"x", count: 20_000) + ">",
              String(repeating: "<!--", count: 50_000),
              String(repeating: "</", count: 100_000) + "<style>" + String(repeating: "</x>", count: 50_000),
              "<style>" + String(repeating: "</p ", count: 50_000) + ">",
              String(repeating: "<title><style><script><head><xml><template>", count: 5_000)
                  + String(repeating: "</x ", count: 20_000) + ">",
              String(repeating: "<a \"><b '>", count: 20_000) + String(repeating: "x", count: 2_000) + ">",
              String(repeating: "<!x", count: 50_000) + ">",
          ])
    func linear(html: String) {
        var work = 0
        let text = HTMLText.plainText(html, work: &work)
        #expect(work <= Self.workPerByte * html.utf8.count, "\(work) steps for \(html.utf8.count) bytes")
        #expect(text.count <= html.count)
    }

    @Test("doubling the unclosed end tags after a style element doubles the work, where it used to quadruple it")
    func doubling() {
        func work(_ count: Int) -> Int {
            var work = 0
            _ = HTMLText.plainText("<style>" + String(repeating: "</p ", count: count) + ">", work: &work)
            return work
        }
        let small = work(20_000), large = work(40_000)
        #expect(Double(large) <= 2.05 * Double(small), "\(small) then \(large) steps")
    }

    @Test("a tag longer than the quoted-scan limit, such as an inline data: image, still ends at its >")
    func longTag() {
        let image = "<img src=\"data:image/png;base64," + String(repeating: "A", count: 5000) + "\">"
        #expect(HTMLText.plainText("Xong" + image + "<br>Sau") == "Xong\nSau")
    }

    @Test("a hidden element closed after many unclosed end tags is still skipped, and its end tag matched by name only")
    func hiddenAfterNoise() {
        let html = "Xong<style>" + String(repeating: "</p ", count: 1_000) + "</STYLE >Sau<script></scripts></script>!"
        #expect(HTMLText.plainText(html) == "XongSau!")
    }

    @Test("100,000 open blockquotes write their lines with at most 16 quote marks")
    func deepQuotes() {
        let html = String(repeating: "<blockquote>", count: 100_000) + String(repeating: "x<br>", count: 1_000)
        let lines = HTMLText.plainText(html).split(separator: "\n")
        #expect(lines.count == 1_000)
        #expect(lines.allSatisfy { $0 == String(repeating: ">", count: HTMLText.maximumQuoteDepth) + " x" })
    }
}
