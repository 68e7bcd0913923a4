/// A configuration file whose bytes are not UTF-8 text, with the place of the first byte that is not.
public struct TextDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        /// A byte sequence that UTF-8 does not allow (another encoding, or a damaged file).
        public static let invalidUTF8 = Code(name: "invalid-utf8")
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// The first offending byte.
    public var byte: UInt8
    /// Its line, from 1.
    public var line: Int
    /// Its column, from 1, counted in Unicode scalars as libyaml counts the columns of its own messages.
    public var column: Int

    /// Creates an error.
    public init(code: Code, byte: UInt8, line: Int, column: Int) {
        self.code = code
        self.byte = byte
        self.line = line
        self.column = column
    }

    public var description: String {
        let hex = String(byte, radix: 16, uppercase: true)
        return "invalid UTF-8 (byte 0x\(hex.count < 2 ? "0" : "")\(hex) at line \(line), column \(column)); save the file as UTF-8"
    }
}
