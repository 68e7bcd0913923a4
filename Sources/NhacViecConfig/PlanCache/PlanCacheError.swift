/// Why a compiled plan could not be used; the loader then reads the plan's text, so this is never
/// shown as a configuration error.
public struct PlanCacheError: Error, Sendable, CustomStringConvertible {
    /// The kinds of failure.
    public enum Code: Sendable {
        /// No compiled form exists for the file.
        case missing
        /// It was compiled from other text, by another build, or in another format.
        case stale
        /// It is damaged: a checksum, length, index or tag does not hold.
        case corrupt
    }

    /// The kind of failure.
    public var code: Code
    /// What exactly did not hold.
    public var detail: String

    /// Creates an error.
    public init(code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "plan cache \(code): \(detail)" }
}
