/// One record of a CSV file: its fields, and the physical line where it starts.
public struct CSVRecord: Sendable, Hashable {
    /// The line (from 1) where the record starts; a quoted field may continue over later lines.
    public var line: Int
    /// The fields, unquoted.
    public var fields: [String]

    /// Creates a record.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// Why a CSV file could not be read, at a record's line and a field's number.
public struct CSVError: Error, Sendable, Hashable {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// A field that is not UTF-8 text (the file was saved in another encoding).
        case invalidUTF8(byte: UInt8)
        /// A quoted field that is never closed.
        case unterminatedQuote
    }

    public var kind: Kind
    /// The line where the record starts.
    public var line: Int
    /// The field's number, from 1.
    public var column: Int

    /// Creates an error.
    public init(kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    /// What to tell the person who exported the file, in Vietnamese.
    public var message: String {
        switch kind {
        case .invalidUTF8(let byte):
            let hex = String(byte, radix: 16, uppercase: true)
            return "tệp không phải văn bản UTF-8 (byte 0x\(hex.count < 2 ? "0" : "")\(hex) trong ô này); có lẽ tệp "
                + "được lưu bằng bảng mã Windows-1258 hoặc TCVN3 (ABC). Trong bảng tính, hãy lưu lại với kiểu "
                + "\"CSV UTF-8 (comma delimited)\" (Excel) hoặc \"Text CSV\", bộ ký tự \"Unicode (UTF-8)\" "
                + "(LibreOffice)"
        case .unterminatedQuote:
            return "ô này mở dấu ngoặc kép '\"' mà không đóng: thiếu một dấu '\"'"
        }
    }
}

/// A small RFC 4180 reader that knows where each record starts, so that a problem can be reported as
/// `FILE:ROW:COLUMN` with ROW the physical line and COLUMN the field's number.
///
/// It reads bytes (every delimiter is ASCII, so a field in another encoding is still found, then reported),
/// accepts CRLF, LF or CR line ends and a leading byte-order mark, and is as lenient as Python's `csv` module
/// with its default dialect: a quote inside an unquoted field is kept, and text after a closing quote is
/// appended. Blank lines, and lines whose fields are all empty, are skipped.
public enum CSVReader {
    /// Every record of `bytes`, or the first problem.
    public static func read(_ bytes: [UInt8]) throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var index = start
        var line = 1
        let count = bytes.count
        while index < count {
            let recordLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            var endOfRecord = false
            while !endOfRecord {
                // One field.
                field.removeAll(keepingCapacity: true)
                if index < count && bytes[index] == UInt8(ascii: "\"") {
                    index += 1
                    var closed = false
                    while index < count {
                        let byte = bytes[index]
                        if byte == UInt8(ascii: "\"") {
                            if index + 1 < count && bytes[index + 1] == UInt8(ascii: "\"") {
                                field.append(byte)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if byte == 13 {
                            line += 1
                            if index + 1 < count && bytes[index + 1] == 10 {
                                field.append(13)
                                index += 1
                            }
                        } else if byte == 10 {
                            line += 1
                        }
                        field.append(bytes[index])
                        index += 1
                    }
                    if !closed { throw CSVError(kind: .unterminatedQuote, line: recordLine, column: fields.count + 1) }
                }
                // The unquoted part, or what follows a closing quote.
                while index < count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ",") || byte == 10 || byte == 13 { break }
                    field.append(byte)
                    index += 1
                }
                guard let text = String(validating: field, as: UTF8.self) else {
                    let bad = firstInvalidByte(field)
                    throw CSVError(kind: .invalidUTF8(byte: bad), line: recordLine, column: fields.count + 1)
                }
                fields.append(text)
                if index >= count {
                    endOfRecord = true
                } else if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    if index >= count { fields.append("") ; endOfRecord = true }
                } else {
                    // CR, LF or CRLF.
                    if bytes[index] == 13 && index + 1 < count && bytes[index + 1] == 10 { index += 1 }
                    index += 1
                    line += 1
                    endOfRecord = true
                }
            }
            if fields.contains(where: { !$0.isEmpty }) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
        }
        return records
    }

    private static func firstInvalidByte(_ bytes: [UInt8]) -> UInt8 {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while case .valid(let encoded) = parser.parseScalar(from: &iterator) { offset += encoded.count }
        return offset < bytes.count ? bytes[offset] : 0
    }
}
