/// Text cut to Unicode's Stream-Safe Text Format (UAX #15): at most 30 combining marks in a row.
///
/// Normalisation sorts each run of combining marks, and Foundation's sort is quadratic: one letter followed by
/// a megabyte of marks takes minutes to bring to NFC or NFD. No script needs more than a handful of marks on
/// a letter, so the ones past the thirtieth are dropped, which keeps every later step linear.
enum StreamSafe {
    /// The most non-starters (combining class other than 0) kept in a row.
    static let maximumRun = 30

    /// The text with every run of non-starters cut to `maximumRun`; the text itself, not a copy, when no run is
    /// that long, which is every text a person typed.
    static func limited(_ text: String) -> String {
        guard hasLongRun(text) else { return text }
        var out = String.UnicodeScalarView()
        var run = 0
        for scalar in text.unicodeScalars {
            run = isNonStarter(scalar) ? run + 1 : 0
            if run <= maximumRun { out.append(scalar) }
        }
        return String(out)
    }

    private static func hasLongRun(_ text: String) -> Bool {
        var run = 0
        for scalar in text.unicodeScalars {
            run = isNonStarter(scalar) ? run + 1 : 0
            if run > maximumRun { return true }
        }
        return false
    }

    /// Every non-starter is at U+0300 or above, so most characters need no table lookup.
    private static func isNonStarter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x300 && scalar.properties.canonicalCombiningClass.rawValue != 0
    }
}
