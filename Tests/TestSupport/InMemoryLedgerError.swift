/// The error an `InMemoryLedger` throws while its writes fail.
public struct InMemoryLedgerError: Error, CustomStringConvertible {
    /// What the test said the failure is.
    public var message: String
    public var description: String { message }
}
