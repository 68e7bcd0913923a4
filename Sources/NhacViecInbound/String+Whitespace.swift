/// Whitespace trimming that also treats a no-break space as space, since HTML replies are full of `&nbsp;`.
extension StringProtocol {
    /// The text without leading and trailing whitespace, no-break spaces included.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
