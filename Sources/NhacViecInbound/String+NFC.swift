extension String {
    /// The text in Unicode NFC, so that text decoded from Windows-1258's combining marks compares equal to typed text;
    /// cut to the stream-safe format first, so that normalising costs time in proportion to the text.
    var precomposedNFC: String { StreamSafe.limited(self).nfcNormalized }

    /// The text in NFC by the standard library's normaliser, for text already stream-safe.
    ///
    /// Not Foundation's `precomposedStringWithCanonicalMapping`: on Linux it composes in place and takes time in
    /// proportion to the square of the text's size when many letters carry combining marks, as every letter of a
    /// Windows-1258 body does (1 MB: 7.6 s, 2 MB: 52 s, 4 MB: 222 s). `_nfcCodeUnits` is the standard library's
    /// public, if underscored, entry to its own linear normaliser (the same 4 MB: 0.3 s, identical bytes).
    var nfcNormalized: String { String(decoding: _nfcCodeUnits, as: UTF8.self) }
}
