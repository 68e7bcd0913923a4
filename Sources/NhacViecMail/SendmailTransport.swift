#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NhacViecCore

/// Delivers mail by running a sendmail-compatible command: `COMMAND… -f SENDER -- RCPT…`, message on stdin.
///
/// The message is fed from an unlinked temporary file rather than a pipe, so a child that exits
/// without reading cannot break the write; the child gets a clean signal mask and its own process
/// group, so a timeout can kill it and anything it started.
public struct SendmailTransport: MailTransport {
    /// The command and its fixed options, e.g. `["/usr/sbin/sendmail", "-oi"]`.
    public var command: [String]
    /// How long the command may run before it is killed and the delivery counted as temporary.
    public var timeout: TimeInterval
    /// Exit codes that mean "try again later".
    public var temporaryExitCodes: Set<Int32>
    /// Exit codes that mean the recipients were refused for good (msmtp exits 65, EX_DATAERR, when the relay
    /// answers 5xx to RCPT TO; 67 is EX_NOUSER): no delivery report will ever come for them.
    public static let refusedExitCodes: Set<Int32> = [65, 67]
    private let children = ChildRegistry()

    /// Creates a transport.
    public init(command: [String], timeout: TimeInterval = 120, temporaryExitCodes: Set<Int32> = [69, 75]) {
        self.command = command
        self.timeout = timeout
        self.temporaryExitCodes = temporaryExitCodes
    }

    /// Ends every sendmail this transport is running: SIGTERM, then SIGKILL two seconds later.
    public func cancel() { children.terminateAll() }

    /// The full argument vector for a message; recipients always come after `--`. The null envelope sender
    /// (RFC 5321 §4.5.5, for mail sent in answer to mail) is an empty argument: `-f ''`.
    public func arguments(for mail: OutgoingMail) -> [String] {
        command + ["-f", mail.envelopeSender, "--"] + mail.recipients
    }

    public func send(_ mail: OutgoingMail) -> DeliveryOutcome {
        guard !mail.recipients.isEmpty else { return .permanentFailure("no recipients") }
        guard mail.recipients.allSatisfy(MailAddress.isValid), mail.envelopeSender.isEmpty || MailAddress.isValid(mail.envelopeSender) else {
            return .permanentFailure("refusing an invalid address on the sendmail command line")
        }
        guard let input = TemporaryFile(contents: mail.data), let errors = TemporaryFile(contents: Data()) else {
            return .temporaryFailure("cannot create a temporary file: \(String(cString: strerror(errno)))")
        }
        defer { input.close(); errors.close() }
        let pid: pid_t
        switch ChildProcess.spawn(arguments(for: mail), stdin: input.descriptor, output: errors.descriptor) {
        case .failure(let error): return .permanentFailure("cannot run \(command[0]): \(String(cString: strerror(error.code)))")
        case .success(let spawned): pid = spawned
        }
        children.add(pid)
        let status = ChildProcess.wait(pid, timeout: timeout)
        children.remove(pid)
        let stderr = errors.readAll().trimmingCharacters(in: .whitespacesAndNewlines)
        let detail = stderr.isEmpty ? "" : ": " + String(stderr.prefix(500))
        switch status {
        case .timedOut: return .temporaryFailure("\(command[0]) did not finish within \(Int(timeout)) s and was killed")
        case .signaled(let signal): return .temporaryFailure("\(command[0]) was killed by signal \(signal)\(detail)")
        case .exited(0): return .sent
        case .exited(let code) where temporaryExitCodes.contains(code): return .temporaryFailure("\(command[0]) exited \(code)\(detail)")
        case .exited(let code) where Self.refusedExitCodes.contains(code):
            return .refused("\(command[0]) refused the recipients (exit \(code))\(detail)")
        case .exited(let code): return .permanentFailure("\(command[0]) exited \(code)\(detail)")
        }
    }
}

/// An unlinked temporary file: it vanishes with its descriptor, whatever happens to the process.
struct TemporaryFile {
    let descriptor: Int32

    init?(contents: Data) {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array("\(directory)/nhacviec-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0, fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let written = contents.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        guard written, lseek(fd, 0, SEEK_SET) == 0 else { Glibc.close(fd); return nil }
        descriptor = fd
    }

    func readAll() -> String {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { return "" }
        while true {
            let n = Glibc.read(descriptor, &buffer, buffer.count)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
            if data.count > 65536 { break }
        }
        return String(decoding: data, as: UTF8.self)
    }

    func close() { Glibc.close(descriptor) }
}
