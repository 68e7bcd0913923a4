import Foundation
import NhacViecConfig
import Testing
import TestSupport

/// The CSV reader: RFC 4180 with each record's starting line, checked against Python's `csv` module.
struct PetitionCSVTests {
    static func read(_ text: String) throws -> [CSVRecord] {
        try CSVReader.read(Array(text.utf8))
    }

    @Test func quotesCommasAndLineBreaksInsideFields() throws {
        let records = try Self.read("so,noi-dung\r\n1,\"Đường \"\"Hùng Vương\"\", TDP 2\r\nxuống cấp\"\r\n2,Mương\n")
        #expect(records == [
            CSVRecord(line: 1, fields: ["so", "noi-dung"]),
            CSVRecord(line: 2, fields: ["1", "Đường \"Hùng Vương\", TDP 2\r\nxuống cấp"]),
            CSVRecord(line: 4, fields: ["2", "Mương"]),
        ])
    }

    @Test func byteOrderMarkEmptyFieldsAndBlankLinesAndCR() throws {
        let records = try CSVReader.read([0xEF, 0xBB, 0xBF] + Array("a,b,c\r\r\n,,\n1,,\r2,\"\",x".utf8))
        #expect(records == [
            CSVRecord(line: 1, fields: ["a", "b", "c"]),
            CSVRecord(line: 4, fields: ["1", "", ""]),
            CSVRecord(line: 5, fields: ["2", "", "x"]),
        ])
    }

    @Test func unterminatedQuoteIsPlacedAtItsRecordAndField() {
        #expect(throws: CSVError(kind: .unterminatedQuote, line: 2, column: 2)) {
            try Self.read("so,noi-dung\n1,\"không đóng\nngoặc\n")
        }
    }

    @Test func notUTF8IsPlacedAtTheFieldAndNamesTheLikelyEncodings() throws {
        // "Đường" in Windows-1258: 0xD0 then "1ng" with a combining hook.
        let bytes = Array("so,noi-dung,han\n1,\"ok\",x\n2,".utf8) + [0xD0, 0x75, 0xEF, 0x6E, 0x67] + Array(",y\n".utf8)
        do {
            _ = try CSVReader.read(bytes)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 2)
            #expect(error.message.hasPrefix("tệp không phải văn bản UTF-8 (byte 0xD0 trong ô này)"))
            #expect(error.message.contains("Windows-1258 hoặc TCVN3 (ABC)"))
            #expect(error.message.contains("\"CSV UTF-8 (comma delimited)\""))
        }
    }

    /// Random files of quotes, commas, line breaks of every kind and Vietnamese text, read by both.
    @Test func agreesWithPythonsCSVModule() throws {
        let script = #"""
        import base64, csv, io, json, random
        random.seed(9)
        pieces = ['a', 'Đường', 'ổ gà', ' ', ',', '"', '""', '\n', '\r\n', '\r', 'kiến nghị', '1', '']
        cases = []
        for n in range(300):
            rows = []
            for r in range(random.randint(1, 6)):
                rows.append([''.join(random.choice(pieces) for _ in range(random.randint(0, 5))) for _ in range(random.randint(1, 5))])
            out = io.StringIO()
            csv.writer(out, lineterminator=random.choice(['\r\n', '\n']), quoting=random.choice([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])).writerows(rows)
            text = out.getvalue()
            if n % 3 == 0:
                text += random.choice(['\n', '\r\n', ',,\n', '\n\n'])
            data = text.encode()
            if n % 5 == 0:
                data = b'\xef\xbb\xbf' + data
            reader = csv.reader(io.StringIO(data.decode('utf-8-sig'), newline=''))
            parsed, last = [], 0
            for row in reader:
                start = last + 1
                last = reader.line_num
                if any(field != '' for field in row):
                    parsed.append([start, row])
            cases.append({'csv': base64.b64encode(data).decode(), 'rows': parsed})
        print(json.dumps(cases))
        """#
        let output = try PythonScript.run(script)
        let cases = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(cases.count == 300)
        for (index, item) in cases.enumerated() {
            let bytes = Array(try #require(Data(base64Encoded: item["csv"] as! String)))
            let expected = (item["rows"] as! [[Any]]).map { CSVRecord(line: $0[0] as! Int, fields: $0[1] as! [String]) }
            let records = try CSVReader.read(bytes)
            #expect(records == expected, "case \(index): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }
}
