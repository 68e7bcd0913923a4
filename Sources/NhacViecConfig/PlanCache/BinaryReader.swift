import NhacViecCore

/// Reads what `BinaryWriter` wrote, checking every length, index and tag: a damaged cache file must end
/// in an error, never in a crash or a wrong plan.
struct BinaryReader {
    private let bytes: [UInt8]
    private var cursor: Int
    private var strings: [String] = []
    /// Arrays already read, by their bytes: one plan's tasks mostly repeat a few owner lists, offset lists and
    /// recipient lists, and millions of tasks should share those few arrays rather than each hold its own.
    private var sharedStrings: [ArraySlice<UInt8>: [String]] = [:]
    private var sharedOffsets: [ArraySlice<UInt8>: [Offset]] = [:]
    private var sharedRecipients: [ArraySlice<UInt8>: [Recipient]] = [:]

    /// Reads the string table at `offset`; the body follows it.
    init(_ bytes: [UInt8], from offset: Int) throws(PlanCacheError) {
        self.bytes = bytes
        self.cursor = offset
        let count = try self.count()
        strings.reserveCapacity(count)
        for _ in 0..<count {
            let length = try self.count()
            guard let text = String(validating: bytes[self.cursor..<self.cursor + length], as: UTF8.self) else {
                throw PlanCacheError(code: .corrupt, "a string in the table is not UTF-8")
            }
            strings.append(text)
            self.cursor += length
        }
    }

    /// Whether everything was read.
    var isAtEnd: Bool { cursor == bytes.count }

    mutating func int() throws(PlanCacheError) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard cursor < bytes.count, shift < 64 else { throw PlanCacheError(code: .corrupt, "an integer runs past the end") }
            let byte = bytes[cursor]
            cursor += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        let signed = Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
        return Int(signed)
    }

    /// A count or length that fits in what is left of the file.
    mutating func count() throws(PlanCacheError) -> Int {
        let value = try int()
        guard value >= 0, value <= bytes.count - cursor else { throw PlanCacheError(code: .corrupt, "a length of \(value) does not fit") }
        return value
    }

    mutating func bool() throws(PlanCacheError) -> Bool {
        switch try int() {
        case 0: return false
        case 1: return true
        case let other: throw PlanCacheError(code: .corrupt, "\(other) is not a boolean")
        }
    }

    mutating func string() throws(PlanCacheError) -> String {
        let index = try int()
        guard strings.indices.contains(index) else { throw PlanCacheError(code: .corrupt, "string \(index) is not in the table") }
        return strings[index]
    }

    /// A tag among `count` cases.
    mutating func tag(below count: Int) throws(PlanCacheError) -> Int {
        let value = try int()
        guard (0..<count).contains(value) else { throw PlanCacheError(code: .corrupt, "tag \(value) is not one of \(count)") }
        return value
    }

    mutating func optional<T>(_ read: (inout BinaryReader) throws(PlanCacheError) -> T) throws(PlanCacheError) -> T? {
        try bool() ? try read(&self) : nil
    }

    /// A list of strings, the same storage as an identical list read before from this file.
    mutating func sharedStringArray() throws(PlanCacheError) -> [String] {
        let key = try arrayBytes(varintsPerElement: 1)
        if let values = sharedStrings[key] { return values }
        cursor = key.startIndex
        let values = try array { r throws(PlanCacheError) in try r.string() }
        sharedStrings[key] = values
        return values
    }

    /// A list of offsets, shared as `sharedStringArray` is.
    mutating func sharedOffsetArray() throws(PlanCacheError) -> [Offset] {
        let key = try arrayBytes(varintsPerElement: 2)
        if let values = sharedOffsets[key] { return values }
        cursor = key.startIndex
        let values = try array { r throws(PlanCacheError) in try r.offset() }
        sharedOffsets[key] = values
        return values
    }

    /// A list of recipients, shared as `sharedStringArray` is.
    mutating func sharedRecipientArray() throws(PlanCacheError) -> [Recipient] {
        let key = try arrayBytes(varintsPerElement: 2)
        if let values = sharedRecipients[key] { return values }
        cursor = key.startIndex
        let values = try array { r throws(PlanCacheError) in try r.recipient() }
        sharedRecipients[key] = values
        return values
    }

    /// The bytes of the array that starts here, found without building it; the cursor moves past them.
    private mutating func arrayBytes(varintsPerElement: Int) throws(PlanCacheError) -> ArraySlice<UInt8> {
        let start = cursor
        let count = try self.count()
        for _ in 0..<count * varintsPerElement { _ = try int() }
        return bytes[start..<cursor]
    }

    mutating func array<T>(_ read: (inout BinaryReader) throws(PlanCacheError) -> T) throws(PlanCacheError) -> [T] {
        let count = try self.count()
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }
}
