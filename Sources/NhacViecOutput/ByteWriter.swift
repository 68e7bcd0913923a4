import NhacViecCore

/// Appends text and zero-padded numbers to a byte buffer: the schedule's million JSON lines are
/// written without building a `String` per field.
struct ByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(_ other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    mutating func append(number: Int, width: Int) {
        var divisor = 1
        var digits = 1
        while divisor * 10 <= number { divisor *= 10; digits += 1 }
        for _ in digits..<max(width, digits) { bytes.append(48) }
        var value = number
        while divisor > 0 {
            bytes.append(UInt8(48 + value / divisor))
            value %= divisor
            divisor /= 10
        }
    }

    /// `YYYY-MM-DD`.
    mutating func append(date: LocalDate) {
        let c = date.components
        append(number: c.year, width: 4)
        bytes.append(45)
        append(number: c.month, width: 2)
        bytes.append(45)
        append(number: c.day, width: 2)
    }

    /// `YYYY-MM-DDTHH:MM:SS+HH:MM` for seconds since 1970 shown at a UTC offset.
    mutating func append(timestamp seconds: Int, offset: Int) {
        let local = seconds + offset
        let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let time = local - days * 86400
        append(date: LocalDate(julianDay: days + 2440588))
        bytes.append(84)
        append(number: time / 3600, width: 2)
        bytes.append(58)
        append(number: time / 60 % 60, width: 2)
        bytes.append(58)
        append(number: time % 60, width: 2)
        bytes.append(offset < 0 ? 45 : 43)
        append(number: abs(offset) / 3600, width: 2)
        bytes.append(58)
        append(number: abs(offset) / 60 % 60, width: 2)
    }
}
