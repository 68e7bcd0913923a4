extension String {
    /// Whether the two are equal ignoring case, as header field names and addresses compare.
    func caseInsensitiveEquals(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
