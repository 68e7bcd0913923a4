import NhacViecCore

extension PetitionReport {
    /// The headings of the annex, as a Vietnamese office writes them.
    public static let csvHeaders = ["STT", "Nội dung kiến nghị", "Người kiến nghị", "Đơn vị trả lời", "Hạn trả lời",
                                    "Tình trạng", "Văn bản trả lời", "Ngày trả lời", "Số ngày làm việc quá hạn"]

    /// The annex as CSV for LibreOffice and Excel: Vietnamese headings, departments by name, dates as dd/mm/yyyy.
    ///
    /// UTF-8 with a byte-order mark, because that mark is how LibreOffice's and Excel's CSV import tell UTF-8
    /// from the local code page (without it the diacritics come out as mojibake); every field quoted, so that a
    /// comma or a line break inside a petition stays in its cell; CRLF line ends, as RFC 4180 and Excel expect.
    public var csv: [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        func line(_ fields: [String]) {
            out += Array(fields.map { "\"" + $0.replacingAll("\"", with: "\"\"") + "\"" }.joined(separator: ",").utf8)
            out += [13, 10]
        }
        line(Self.csvHeaders)
        for row in rows {
            let department = departmentNames[row.petition.department] ?? row.petition.department
            line([String(row.petition.number), row.petition.content, row.petition.raisedBy, department,
                  annexDue(row.timing), row.state.vietnamese, row.answerRef ?? "", row.answeredOn?.vietnamese ?? "",
                  row.workingDaysLate.map(String.init) ?? ""])
        }
        return out
    }

    /// The due day as dd/mm/yyyy, or what it waits for: `Chờ ngày ban hành Thông báo kết luận`.
    func annexDue(_ timing: TaskTiming) -> String {
        switch timing {
        case .due(let day): return day.vietnamese
        case .waiting(let event): return eventNames[event].map { "Chờ ngày \($0)" } ?? "Chờ sự kiện \(event)"
        // A petition's deadline cannot recur (`check` rejects it); were one to, the cell says how often.
        case .recurring(let recurrence): return recurrence.unit.everyText
        }
    }
}
