/// Writes the compact binary form of a compiled plan: variable-length integers, and each distinct
/// string once in a table that the reader turns into one shared `String` per entry.
struct BinaryWriter {
    private var body: [UInt8] = []
    private var stringIndex: [String: Int] = [:]
    private var strings: [String] = []

    /// The string table followed by everything written.
    var bytes: [UInt8] {
        var table = BinaryWriter()
        table.int(strings.count)
        for string in strings {
            let utf8 = Array(string.utf8)
            table.int(utf8.count)
            table.body += utf8
        }
        return table.body + body
    }

    /// A non-negative or negative integer, zigzag-encoded in 7-bit groups.
    mutating func int(_ value: Int) {
        var rest = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        while rest >= 0x80 {
            body.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        body.append(UInt8(rest))
    }

    mutating func bool(_ value: Bool) { int(value ? 1 : 0) }

    /// A string, as its number in the table.
    mutating func string(_ value: String) {
        if let known = stringIndex[value] { return int(known) }
        stringIndex[value] = strings.count
        int(strings.count)
        strings.append(value)
    }

    mutating func optional<T>(_ value: T?, _ write: (inout BinaryWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func array<T>(_ values: [T], _ write: (inout BinaryWriter, T) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }
}
