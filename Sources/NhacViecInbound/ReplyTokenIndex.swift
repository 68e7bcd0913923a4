/// Finds which target a token stands for, since a token carries no ids, only a MAC of them.
///
/// Cost: building the index computes one HMAC-SHA256 per target (about a microsecond each: 200,000 targets
/// take a fraction of a second), and every lookup compares the token with each target's in constant time,
/// visiting all of them even after a match, so that the time taken says nothing about which one matched.
public struct ReplyTokenIndex: Sendable {
    private let entries: [(bytes: [UInt8], target: ReplyTarget)]

    /// Computes the token of every target under the key.
    public init(key: ReplyKey, targets: some Sequence<ReplyTarget>) {
        entries = targets.map { (ReplyToken(for: $0, key: key).bytes, $0) }
    }

    /// The number of targets indexed.
    public var count: Int { entries.count }

    /// The target whose token this is; nil for a forged, stale or mistyped token.
    public func target(for token: ReplyToken) -> ReplyTarget? {
        var found: ReplyTarget?
        for entry in entries where ConstantTime.equal(entry.bytes, token.bytes) && found == nil {
            found = entry.target
        }
        return found
    }
}
