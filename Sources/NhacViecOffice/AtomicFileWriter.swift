import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a file's text so that a reader (the daemon on reload) sees the old file or the new one, never half
/// of one, and so that the file keeps its owner, group and mode (the service user must still read it).
enum AtomicFileWriter {
    /// Writes `text` to a temporary file beside `path`, copies owner and mode, syncs it, and renames it over `path`.
    ///
    /// A file that does not exist yet is created the same way, with the owner, group and mode of `model` (the plan
    /// file beside it), so that the service user reads it like its neighbours.
    static func replace(_ path: String, with text: String, model: String? = nil) throws(FileWriteError) {
        let target: String
        var info = stat()
        if let model, access(path, F_OK) != 0 {
            guard stat(model, &info) == 0 else { throw failure(.inspect, model) }
            target = path
        } else {
            // Renaming over a symbolic link would replace the link, not the file it points to.
            guard let real = realpath(path, nil) else { throw failure(.inspect, path) }
            target = String(cString: real)
            free(real)
            guard stat(target, &info) == 0 else { throw failure(.inspect, target) }
        }
        try swap(into: target) { fd, temporary throws(FileWriteError) in
            try writeAll(fd, text, name: temporary)
            guard fchown(fd, info.st_uid, info.st_gid) == 0 else { throw failure(.write, "\(temporary) (owner)") }
            guard fchmod(fd, info.st_mode & 0o7777) == 0 else { throw failure(.write, "\(temporary) (mode)") }
        }
    }

    /// Creates or replaces `path` with `text` and exactly `mode` (whatever the umask): a reader (a web server serving a
    /// calendar) sees the old file or the new one. The temporary file beside it starts with a dot.
    static func publish(_ path: String, with text: String, mode: mode_t) throws(FileWriteError) {
        try swap(into: path) { fd, temporary throws(FileWriteError) in
            try writeAll(fd, text, name: temporary)
            guard fchmod(fd, mode) == 0 else { throw failure(.write, "\(temporary) (mode)") }
        }
    }

    /// Fills a new temporary file beside `target` (`fill`), syncs it and renames it over `target`, then syncs the
    /// directory; on any failure the temporary file is removed and `target` is left as it was.
    private static func swap(into target: String,
                             fill: (Int32, String) throws(FileWriteError) -> Void) throws(FileWriteError) {
        let directory = (target as NSString).deletingLastPathComponent
        // A leading dot keeps the loader from reading the temporary file as a plan.
        var template = Array("\(directory)/.\((target as NSString).lastPathComponent).XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw failure(.create, directory) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        do throws(FileWriteError) {
            try fill(fd, temporary)
            guard fsync(fd) == 0 else { throw failure(.write, temporary) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard close(fd) == 0, rename(temporary, target) == 0 else {
            let reason = failure(.replace, target)
            unlink(temporary)
            throw reason
        }
        syncDirectory(directory)
    }

    private static func writeAll(_ fd: Int32, _ text: String, name: String) throws(FileWriteError) {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw failure(.write, name) }
            written += count
        }
    }

    /// Makes the rename itself durable; a failure here leaves a correct file, so it is not reported.
    private static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private static func failure(_ code: FileWriteError.Code, _ path: String) -> FileWriteError {
        FileWriteError(code: code, description: "cannot \(code) \(path): \(String(cString: strerror(errno)))")
    }
}
