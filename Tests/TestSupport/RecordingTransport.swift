import Foundation
import NhacViecCore
import Synchronization

/// A mail transport that keeps every message it is given, failing on demand.
public final class RecordingTransport: MailTransport {
    private struct State {
        var sent: [OutgoingMail] = []
        var scriptedOutcomes: [DeliveryOutcome] = []
        var cancels = 0
    }

    private let state = Mutex(State())
    private let observer = Mutex<(@Sendable (OutgoingMail) -> Void)?>(nil)

    /// Calls `observe` with each message as it is handed over, before it is accepted: what a test reads the ledger in.
    public func onSend(_ observe: @escaping @Sendable (OutgoingMail) -> Void) {
        observer.withLock { $0 = observe }
    }

    /// Creates a transport that accepts everything unless outcomes are scripted.
    public init() {}

    /// Outcomes to return for the next sends, in order; afterwards every send succeeds.
    public func script(_ outcomes: [DeliveryOutcome]) {
        state.withLock { $0.scriptedOutcomes = outcomes }
    }

    /// The messages accepted so far.
    public var messages: [OutgoingMail] { state.withLock { $0.sent } }

    /// How many times the daemon asked for the sends in progress to be ended.
    public var cancelCount: Int { state.withLock { $0.cancels } }

    public func cancel() { state.withLock { $0.cancels += 1 } }

    public func send(_ mail: OutgoingMail) -> DeliveryOutcome {
        observer.withLock { $0 }?(mail)
        return state.withLock { state in
            let outcome = state.scriptedOutcomes.isEmpty ? .sent : state.scriptedOutcomes.removeFirst()
            if outcome == .sent { state.sent.append(mail) }
            return outcome
        }
    }
}
