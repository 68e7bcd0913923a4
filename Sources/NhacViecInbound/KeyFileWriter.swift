import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Creates a secret file atomically, mode 0600, never replacing an existing one.
enum KeyFileWriter {
    /// Writes the contents to a temporary file beside `path`, then hard-links it to `path`.
    ///
    /// `link(2)` fails when `path` exists, unlike `rename(2)`, so a key that is already there survives;
    /// that case is not an error, since the caller then reads the existing key.
    static func createExclusively(at path: String, contents: [UInt8]) throws {
        let temporary = path + ".new-\(getpid())-\(UInt32.random(in: .min ... .max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("cannot create \(temporary)") }
        defer { unlink(temporary) }
        // The umask can only remove bits, but an inherited ACL default could add some: set the mode outright.
        let written = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fchmod(descriptor, 0o600) == 0 && fsync(descriptor) == 0
        close(descriptor)
        guard written == contents.count, synced else { throw failure("cannot write \(temporary)") }
        if link(temporary, path) != 0, errno != EEXIST { throw failure("cannot create \(path)") }
        syncDirectory(of: path)
    }

    /// Makes the new name durable, so that a crash does not lose the key after mail was sent with it.
    private static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    private static func failure(_ what: String) -> InboundError {
        InboundError(code: .keyFile, message: "\(what): \(String(cString: strerror(errno)))")
    }
}
