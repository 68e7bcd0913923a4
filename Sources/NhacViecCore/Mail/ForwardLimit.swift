import Foundation

/// The guard in depth against mail loops: at most `perWindow` forwards to one address in `window`.
///
/// Forwards go out with the null envelope sender, so they cannot bounce back; this limit catches whatever a
/// misconfigured MTA still loops, and spares an admin's mailbox a flood from one sender.
public struct ForwardLimit: Sendable, Hashable {
    /// Forwards allowed per address in one window.
    public var perWindow: Int
    /// The window's length.
    public var window: TimeInterval

    /// Ten an hour: more than any office's real replies to one admin, few enough to notice a loop.
    public static let standard = ForwardLimit(perWindow: 10, window: 3_600)

    /// Creates a limit.
    public init(perWindow: Int, window: TimeInterval) {
        self.perWindow = perWindow
        self.window = window
    }

    /// Whether one more forward is allowed, given when the earlier ones to the same address went out.
    public func allows(after earlier: [Date], now: Date) -> Bool {
        earlier.filter { now.timeIntervalSince($0) < window && $0 <= now }.count < perWindow
    }
}

/// How many forwards went out and how many the limit held back, for `status`.
public struct ForwardSummary: Sendable, Hashable {
    /// Forwards sent.
    public var forwarded: Int
    /// Forwards held back by the limit.
    public var held: Int

    /// Creates a summary.
    public init(forwarded: Int, held: Int) {
        self.forwarded = forwarded
        self.held = held
    }
}
