/// Vietnamese forms of weekdays and dates, as office documents write them.
public enum VietnameseText {
    private static let weekdays = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]

    /// `thứ Sáu`, `Chủ nhật`…
    public static func weekday(_ date: LocalDate) -> String { weekdays[date.isoWeekday - 1] }

    /// `07 giờ 30`.
    public static func time(_ time: TimeOfDay) -> String {
        (time.hour < 10 ? "0" : "") + "\(time.hour) giờ " + (time.minute < 10 ? "0" : "") + "\(time.minute)"
    }

    /// The first letter in upper case, for a weekday at the start of a phrase (`Thứ Sáu`).
    public static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
