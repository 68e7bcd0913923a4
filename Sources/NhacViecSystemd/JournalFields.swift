/// Turns log metadata keys into journal field names journald will keep.
public enum JournalFields {
    /// `[A-Z0-9_]`, not starting with `_` or a digit, at most 64 characters; journald drops anything else silently.
    public static func fieldName(forMetadataKey key: String) -> String {
        if key == "message_id" { return "MESSAGE_ID" }
        var name = "NHACVIEC_"
        for scalar in key.uppercased().unicodeScalars {
            let allowed = (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
            name.unicodeScalars.append(allowed ? scalar : "_")
        }
        return String(name.prefix(64))
    }

    /// Whether journald accepts a field name.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= 64, first != "_", !(first >= "0" && first <= "9") else { return false }
        return name.unicodeScalars.allSatisfy { ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
    }
}
