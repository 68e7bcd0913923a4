import NhacViecCore

extension PetitionTable {
    /// The five columns of a petitions spreadsheet, by their English names.
    public enum Column: String, CaseIterable, Sendable {
        /// The petition's number in the notice (STT).
        case number = "so"
        /// What the petition asks.
        case content = "noi-dung"
        /// Who raised it; the only column that may be left out.
        case raisedBy = "nguoi-kien-nghi"
        /// The answering department.
        case department = "don-vi"
        /// The deadline.
        case due = "han"

        /// The heading an office types in its spreadsheet, as messages name the column.
        public var vietnamese: String {
            switch self {
            case .number: return "STT"
            case .content: return "Nội dung kiến nghị"
            case .raisedBy: return "Người kiến nghị"
            case .department: return "Đơn vị trả lời"
            case .due: return "Hạn trả lời"
            }
        }

        /// Every heading accepted for the column besides its English name, as offices write them; compared
        /// folded (no diacritics, any case, any spacing or punctuation), so "SỐ TT" and "so tt" are "Số TT".
        public var headings: [String] {
            switch self {
            case .number:
                return ["STT", "TT", "Số TT", "Số thứ tự", "Số"]
            case .content:
                return ["Nội dung kiến nghị", "Nội dung", "Kiến nghị", "Nội dung kiến nghị, phản ánh",
                        "Nội dung ý kiến, kiến nghị", "Nội dung phản ánh, kiến nghị"]
            case .raisedBy:
                return ["Người kiến nghị", "Cử tri kiến nghị", "Cử tri", "Người phản ánh", "Người đề nghị",
                        "Tổ chức, cá nhân kiến nghị"]
            case .department:
                return ["Đơn vị trả lời", "Đơn vị", "Đơn vị chủ trì", "Đơn vị chủ trì trả lời", "Đơn vị giải quyết",
                        "Đơn vị thực hiện", "Đơn vị phụ trách", "Cơ quan trả lời", "Cơ quan, đơn vị trả lời"]
            case .due:
                return ["Hạn trả lời", "Hạn", "Thời hạn", "Thời hạn trả lời", "Hạn giải quyết",
                        "Thời hạn giải quyết", "Hạn xử lý"]
            }
        }
    }

    /// Each accepted heading, folded, with its column.
    private static let columnsByHeading: [String: Column] = {
        var table: [String: Column] = [:]
        for column in Column.allCases {
            for heading in [column.rawValue] + column.headings { table[VietnameseFolding.key(heading)] = column }
        }
        return table
    }()

    /// The column a heading names: the English name or a Vietnamese heading, with or without diacritics, in any
    /// case, spaces and punctuation ignored; nil for any other heading.
    public static func column(forHeading heading: String) -> Column? {
        columnsByHeading[VietnameseFolding.key(heading)]
    }

    /// The columns in the form a message lists them.
    public static let headerHint = "STT, Nội dung kiến nghị, Người kiến nghị, Đơn vị trả lời, Hạn trả lời "
        + "(hoặc so, noi-dung, nguoi-kien-nghi, don-vi, han)"
}
