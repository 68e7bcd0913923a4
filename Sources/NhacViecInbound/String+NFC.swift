import Foundation

extension String {
    /// The text in Unicode NFC, so that text decoded from Windows-1258's combining marks compares equal to typed text;
    /// cut to the stream-safe format first, so that normalising costs time in proportion to the text.
    var precomposedNFC: String { StreamSafe.limited(self).precomposedStringWithCanonicalMapping }
}
