import Foundation

extension String {
    /// The text in Unicode NFC, so that text decoded from Windows-1258's combining marks compares equal to typed text.
    var precomposedNFC: String { precomposedStringWithCanonicalMapping }
}
