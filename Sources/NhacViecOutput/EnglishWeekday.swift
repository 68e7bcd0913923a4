import NhacViecCore

/// English weekday abbreviations for the admin's tables, which are in English like the rest of the CLI.
public enum EnglishWeekday {
    private static let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `Mon` … `Sun`.
    public static func abbreviation(_ day: LocalDate) -> String { names[day.isoWeekday - 1] }
}
