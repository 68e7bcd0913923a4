import Foundation

/// One markup construct at a `<` in an HTML body's UTF-8 bytes: a start or end tag, a comment, or a declaration,
/// and where it ends.
///
/// Every search here charges the bytes it looks at to `work`, so tests can hold the conversion to a number of
/// steps in proportion to the body rather than to a wall-clock bound.
struct HTMLTag {
    /// An HTML body's UTF-8 bytes, read in place.
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The lowercased element name; nil for comments, declarations and processing instructions.
    let name: String?
    let isClosing: Bool
    let isSelfClosing: Bool
    /// The index just past the construct.
    let end: Int

    /// How far a tag is read with attention to quoted values. Beyond it (an unbalanced quote, a long
    /// data: URI) the tag ends at the next `>`, so a hostile body costs linear time, not quadratic.
    static let quotedScanLimit = 1024

    /// The construct at `start`, or nil when the `<` is plain text (`a < b`); `lastClose` is the index of the
    /// document's last `>`, after which no tag can end.
    ///
    /// Whatever it returns, the caller moves past `end`, so the bytes read here are read once.
    static func read(_ bytes: Bytes, at start: Int, lastClose: Int, work: inout Int) -> HTMLTag? {
        guard start < lastClose, start + 1 < bytes.count else { return nil }
        if matches(bytes, at: start, "<!--") {
            let close = find(bytes, "-->", from: start + 4, work: &work)
            return HTMLTag(name: nil, isClosing: false, isSelfClosing: false, end: close.map { $0 + 3 } ?? bytes.count)
        }
        let second = bytes[start + 1]
        if second == UInt8(ascii: "!") || second == UInt8(ascii: "?") {
            let close = find(bytes, ">", from: start, work: &work) ?? bytes.count - 1
            return HTMLTag(name: nil, isClosing: false, isSelfClosing: false, end: close + 1)
        }
        let isClosing = second == UInt8(ascii: "/")
        let nameStart = isClosing ? start + 2 : start + 1
        var index = nameStart
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        work += index - nameStart
        guard index > nameStart, isASCIILetter(bytes[nameStart]) else { return nil }
        guard let close = endOfTag(bytes, from: index, work: &work) ?? find(bytes, ">", from: index, work: &work) else {
            return nil
        }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
        let isSelfClosing = close > start && bytes[close - 1] == UInt8(ascii: "/")
        return HTMLTag(name: name, isClosing: isClosing, isSelfClosing: isSelfClosing, end: close + 1)
    }

    /// The index past `</name…>`, to skip a hidden element's content; nil when it is never closed.
    ///
    /// Only the name after each `</` is compared. Reading every `</x` to its `>` instead sent each one to the
    /// document's last `>`: 300,000 unclosed end tags after a `<style>` took minutes.
    static func endOfElement(_ name: String, in bytes: Bytes, from start: Int, lastClose: Int,
                             work: inout Int) -> Int? {
        let pattern = Array(name.utf8)
        var index = start
        while let open = find(bytes, "</", from: index, work: &work), open < lastClose {
            let nameEnd = open + 2 + pattern.count
            if nameEnd <= bytes.count, equalsIgnoringASCIICase(bytes[(open + 2)..<nameEnd], pattern),
               nameEnd == bytes.count || !isNameByte(bytes[nameEnd]) {
                work += pattern.count
                return read(bytes, at: open, lastClose: lastClose, work: &work)?.end
            }
            index = open + 2
        }
        return nil
    }

    /// The `>` ending a tag, skipping quoted attribute values that may contain one.
    private static func endOfTag(_ bytes: Bytes, from start: Int, work: inout Int) -> Int? {
        var quote: UInt8?
        var index = start
        let limit = min(bytes.count, start + quotedScanLimit)
        defer { work += index - start }
        while index < limit {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Letters, digits, `:` and `-`, and any byte of a non-ASCII character, as element names are read leniently.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ":")
            || byte == UInt8(ascii: "-") || byte >= 0x80
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func equalsIgnoringASCIICase(_ bytes: Slice<Bytes>, _ lowercased: [UInt8]) -> Bool {
        var index = bytes.startIndex
        for expected in lowercased {
            let byte = bytes[index]
            guard (isASCIILetter(byte) ? byte | 0x20 : byte) == expected else { return false }
            index += 1
        }
        return true
    }

    private static func matches(_ bytes: Bytes, at start: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard start + count <= bytes.count, let base = bytes.baseAddress else { return false }
        return memcmp(base + start, literal.utf8Start, count) == 0
    }

    /// The first index at or after `start` where the literal begins, charging the bytes passed over.
    /// memchr finds each candidate first byte, so a debug build scans as fast as a release one.
    static func find(_ bytes: Bytes, _ literal: StaticString, from start: Int, work: inout Int) -> Int? {
        guard literal.utf8CodeUnitCount > 0, let base = bytes.baseAddress else { return nil }
        let first = literal.utf8Start.pointee
        var index = start
        defer { work += index - start }
        while index < bytes.count {
            guard let found = memchr(base + index, Int32(first), bytes.count - index) else {
                index = bytes.count
                return nil
            }
            index = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            if matches(bytes, at: index, literal) { return index }
            index += 1
        }
        return nil
    }
}
