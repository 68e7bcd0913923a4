import NhacViecOutput
import Testing

/// The CLI's text and JSON helpers.
struct TextOutputTests {
    @Test("JSON strings escape quotes, backslashes and control characters and keep Vietnamese as is")
    func jsonQuoting() {
        #expect(JSONText.quote("a\"b\\c\n\u{01}Đã xong") == "\"a\\\"b\\\\c\\n\\u0001Đã xong\"")
        #expect(JSONText.quote("Đã xong\r\t\u{1f}") == "\"Đã xong\\r\\t\\u001f\"")
        #expect(JSONText.quote("Báo cáo tháng 3/2027 – chậm nhất") == "\"Báo cáo tháng 3/2027 – chậm nhất\"")
        #expect(JSONText.quote("") == "\"\"")
        #expect(JSONText.array(["x", "y"]) == "[\"x\",\"y\"]")
    }

    @Test("table columns are padded to the widest cell, counting characters rather than bytes")
    func tableAlignment() {
        let text = TextTable.render([["A", "B"], ["Đơn vị", "x"], ["vp", "y"]])
        #expect(text == "A       B\nĐơn vị  x\nvp      y\n")
    }
}
