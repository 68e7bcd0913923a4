import Foundation
import NhacViecCore

/// Where the daemon is in its life. One value says it, and `Daemon.transition(to:)` holds the legal moves:
///
///     starting ──▶ running ◀──▶ reloading
///        │            │            │
///        ▼            ▼            ▼
///     stopped ◀── draining ◀───────┘
public enum DaemonPhase: Sendable, Equatable {
    /// Built, or reading the ledger before READY.
    case starting
    /// Sending as the timer says.
    case running
    /// Sending as before while a new configuration is read off the serial context; `again` is set when another
    /// reload was asked for meanwhile, and `handled` lists the sends recorded since the ledger was read.
    case reloading(again: Bool, handled: [Send])
    /// Stopping: nothing new is sent; the send in flight may finish and be recorded until the grace runs out.
    case draining
    /// Exited, or about to.
    case stopped

    /// The phase's name, for logs.
    public var name: String {
        switch self {
        case .starting: return "starting"
        case .running: return "running"
        case .reloading: return "reloading"
        case .draining: return "draining"
        case .stopped: return "stopped"
        }
    }

    /// Whether the daemon may move from this phase to `next`.
    public func allows(_ next: DaemonPhase) -> Bool {
        switch (self, next) {
        case (.starting, .running), (.starting, .stopped), (.starting, .draining),
             (.running, .reloading), (.running, .draining),
             (.reloading, .running), (.reloading, .reloading), (.reloading, .draining),
             (.draining, .stopped):
            return true
        default:
            return false
        }
    }

    /// Whether the daemon is on its way out.
    public var isStopping: Bool { self == .draining || self == .stopped }
}
