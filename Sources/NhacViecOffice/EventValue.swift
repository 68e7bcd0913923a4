import NhacViecConfig
import NhacViecCore

/// An event's new value as the command line gives it: a date `YYYY-MM-DD`, or `tbd` while it is not announced,
/// possibly tentative (dự kiến).
public struct EventValue: Sendable, Hashable {
    /// The change to make in the plan file.
    public let change: EventEditor.Change
    /// The value as written, for messages.
    public let text: String

    /// Reads the value; an invalid request when it is neither a date nor `tbd`, or `tbd` and tentative.
    public init(_ text: String, tentative: Bool) throws(OfficeError) {
        if text.lowercased() == "tbd" {
            if tentative { throw OfficeError(.invalidRequest, "--tentative needs a date: 'tbd' cannot be tentative") }
            change = EventEditor.Change(date: nil)
        } else if let date = LocalDate(iso: text) {
            change = EventEditor.Change(date: date, isTentative: tentative)
        } else {
            throw OfficeError(.invalidRequest, "DATE must be written YYYY-MM-DD, or be tbd, not '\(text)'")
        }
        self.text = text
    }
}
