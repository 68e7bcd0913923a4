/// Comparison whose duration does not depend on where two byte strings differ, so that a forger cannot
/// find a valid token byte by byte by timing the answers.
enum ConstantTime {
    /// Whether the two are equal; the lengths are not secret, only the contents.
    static func equal(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
