import ArgumentParser
import NhacViecCore

/// Parses `YYYY-MM-DD` command-line dates.
enum DateArgument {
    static func parse(_ text: String, option: String) throws -> LocalDate {
        guard let date = LocalDate(iso: text) else {
            throw ValidationError("\(option) must be a date written YYYY-MM-DD, not '\(text)'")
        }
        return date
    }
}
