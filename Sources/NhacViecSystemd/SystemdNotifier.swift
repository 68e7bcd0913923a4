#if canImport(Glibc)
import Glibc
#endif
import CSystemd
import Foundation
import NhacViecCore
import Synchronization

/// Talks to the service manager over `NOTIFY_SOCKET`, without ever blocking; silent when it is unset.
///
/// libsystemd's `sd_notify` blocks once the socket's queue is full, and the daemon notifies from its
/// scheduler queue: a manager that stops reading (a wedged PID 1, a test harness) would freeze every
/// send and even SIGTERM. Here each datagram is sent with `MSG_DONTWAIT`. When the queue is full, a
/// message that carries a state change (`READY`, `RELOADING`, `STOPPING`) is kept, merged with later
/// ones, and sent with the next notification; a `STATUS` or `WATCHDOG` alone is dropped, since a
/// newer one follows anyway.
public final class SystemdNotifier: ServiceNotifier {
    private let address: sockaddr_un?
    private let addressLength: socklen_t
    private let state: Mutex<(socket: Int32, pending: [(String, String)])>

    /// Reads `NOTIFY_SOCKET` from the environment.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let target = Self.address(environment["NOTIFY_SOCKET"] ?? "")
        address = target?.address
        addressLength = target?.length ?? 0
        state = Mutex((-1, []))
    }

    deinit {
        state.withLock { if $0.socket >= 0 { close($0.socket) } }
    }

    /// Sends `KEY=value` lines in one datagram, never waiting for the manager.
    public func notify(_ assignments: [(String, String)]) {
        guard var address else { return }
        state.withLock { state in
            if state.socket < 0 { state.socket = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
            guard state.socket >= 0 else { return }
            let message = Self.merge(state.pending, assignments)
            let text = message.map { "\($0.0)=\($0.1.replacingOccurrences(of: "\n", with: " "))" }.joined(separator: "\n")
            let sent = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { target in
                    text.withCString { sendto(state.socket, $0, strlen($0), Int32(MSG_DONTWAIT | MSG_NOSIGNAL), target, addressLength) }
                }
            }
            if sent >= 0 {
                state.pending = []
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                let changesState = message.contains { Self.stateChanges.contains($0.0) }
                state.pending = changesState ? message.filter { $0.0 != "WATCHDOG" } : []
            }
        }
    }

    /// Half of `WATCHDOG_USEC`, in seconds, when the manager expects watchdog pings.
    public var watchdogPingInterval: Double? {
        var usec: UInt64 = 0
        guard sd_watchdog_enabled(0, &usec) > 0, usec > 0 else { return nil }
        return Double(usec) / 2_000_000
    }

    private static let stateChanges: Set<String> = ["READY", "RELOADING", "STOPPING"]

    /// Earlier unsent state changes first, each key once, the newest value winning.
    static func merge(_ pending: [(String, String)], _ fresh: [(String, String)]) -> [(String, String)] {
        var merged: [(String, String)] = []
        for (key, value) in pending + fresh {
            if let index = merged.firstIndex(where: { $0.0 == key }) { merged[index].1 = value } else { merged.append((key, value)) }
        }
        return merged
    }

    /// A path, or `@name` for the abstract namespace, as sd_notify accepts them.
    private static func address(_ path: String) -> (address: sockaddr_un, length: socklen_t)? {
        var bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes[0] == UInt8(ascii: "/") || bytes[0] == UInt8(ascii: "@") else { return nil }
        let abstract = bytes[0] == UInt8(ascii: "@")
        if abstract { bytes[0] = 0 }
        var address = sockaddr_un()
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { return nil }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in raw.copyBytes(from: bytes) }
        let length = MemoryLayout<sa_family_t>.size + bytes.count + (abstract ? 0 : 1)
        return (address, socklen_t(length))
    }
}
