import NhacViecCore

extension PetitionReport {
    /// The due day, or `(conclusion tbd)`.
    static func due(_ timing: TaskTiming) -> String {
        switch timing {
        case .due(let day): return day.iso
        case .waiting(let event): return "(\(event) tbd)"
        // A petition's deadline cannot recur (`check` rejects it); were one to, it has no single day.
        case .recurring(let recurrence): return "(every \(recurrence.unit.rawValue))"
        }
    }

    /// One JSON object per line per petition.
    public var jsonLines: String {
        rows.map { row in
            let due: String
            switch row.timing {
            case .due(let day): due = JSONText.quote(day.iso)
            case .waiting, .recurring: due = "null"
            }
            return "{\"number\":\(row.petition.number),\"content\":\(JSONText.quote(row.petition.content)),"
                + "\"raised_by\":\(JSONText.quote(row.petition.raisedBy)),\"department\":\(JSONText.quote(row.petition.department)),"
                + "\"due\":\(due),\"state\":\"\(row.state.rawValue)\",\"answer_ref\":\(row.answerRef.map(JSONText.quote) ?? "null"),"
                + "\"answered_on\":\(row.answeredOn.map { JSONText.quote($0.iso) } ?? "null"),"
                + "\"working_days_late\":\(row.workingDaysLate.map(String.init) ?? "null")}\n"
        }.joined()
    }

    /// The table: one line per petition (content cut to one short line), then the totals per department.
    public func table(contentWidth: Int = 48) -> String {
        let header = ["SỐ", "NỘI DUNG", "NGƯỜI KIẾN NGHỊ", "ĐƠN VỊ", "HẠN", "TRẠNG THÁI", "VĂN BẢN", "NGÀY TRẢ LỜI", "TRỄ (NGÀY LV)"]
        let lines = rows.map { row in
            [String(row.petition.number), Self.short(row.petition.content, contentWidth), Self.short(row.petition.raisedBy, 28),
             row.petition.department, Self.due(row.timing), row.state.vietnamese, row.answerRef ?? "", row.answeredOn?.iso ?? "",
             row.workingDaysLate.map { $0 > 0 ? String($0) : "" } ?? ""]
        }
        var text = TextTable.render([header] + lines)
        let totalsHeader = ["ĐƠN VỊ", "TỔNG", "ĐÚNG HẠN", "QUÁ HẠN (ĐÃ TL)", "CHƯA ĐẾN HẠN", "QUÁ HẠN (CHƯA TL)", "CHỜ KẾT LUẬN"]
        var totalLines = totals.map { total in
            [total.department, String(total.count), String(total.answeredOnTime), String(total.answeredLate), String(total.pending),
             String(total.overdue), String(total.waiting)]
        }
        let all = totals
        totalLines.append(["Cộng", String(all.map(\.count).reduce(0, +)), String(all.map(\.answeredOnTime).reduce(0, +)),
                           String(all.map(\.answeredLate).reduce(0, +)), String(all.map(\.pending).reduce(0, +)),
                           String(all.map(\.overdue).reduce(0, +)), String(all.map(\.waiting).reduce(0, +))])
        text += "\nTổng hợp theo đơn vị:\n" + TextTable.render([totalsHeader] + totalLines)
        return text
    }

    /// The first line of a text, cut to `width` characters with an ellipsis.
    static func short(_ text: String, _ width: Int) -> String {
        let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let flat = firstLine.count < text.count ? firstLine + " …" : firstLine
        return flat.count <= width ? flat : String(flat.prefix(width - 1)) + "…"
    }
}

extension String {
    /// Every occurrence of `target` replaced, without Foundation.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
