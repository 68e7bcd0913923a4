import Foundation
import GRDB

/// Why the state file could not be opened or written, told apart so that each cause gets its own advice: a full
/// disk must not send the admin to restore a backup, nor a read-only mount to change users.
enum StoreFailure: Equatable, Sendable {
    /// The directory that should hold the file does not exist.
    case missingDirectory
    /// The filesystem has no space left.
    case diskFull
    /// The filesystem is mounted read-only.
    case readOnlyFilesystem
    /// This user may not read or write the file or its directory.
    case permissionDenied
    /// The file is not a healthy SQLite database.
    case damaged
    /// Anything else; the detail says what.
    case other

    /// What the filesystem around the file looks like, for telling causes apart when SQLite's code is vague.
    struct Filesystem: Equatable, Sendable {
        /// Whether the file's directory exists.
        var directoryExists = true
        /// Whether it is mounted read-only.
        var readOnly = false
        /// Whether it has no block left for this user.
        var full = false

        /// The state of the filesystem holding `path`.
        static func probe(_ path: String) -> Filesystem {
            let directory = StoreFailure.directory(of: path)
            var info = statvfs()
            guard statvfs(directory, &info) == 0 else { return Filesystem(directoryExists: errno != ENOENT && errno != ENOTDIR) }
            return Filesystem(readOnly: info.f_flag & UInt(ST_RDONLY) != 0, full: info.f_bavail == 0)
        }
    }

    /// Classifies a failure from SQLite's primary result code and the system's errno, either of which may be
    /// missing, and the filesystem's state.
    static func classify(sqliteCode: ResultCode?, errno: Int32?, filesystem: Filesystem) -> StoreFailure {
        if !filesystem.directoryExists { return .missingDirectory }
        if errno == ENOSPC || sqliteCode == .SQLITE_FULL || (sqliteCode == .SQLITE_IOERR && filesystem.full) { return .diskFull }
        if errno == EROFS || (filesystem.readOnly && [.SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_IOERR].contains(sqliteCode)) {
            return .readOnlyFilesystem
        }
        if errno == EACCES || errno == EPERM || [.SQLITE_PERM, .SQLITE_READONLY, .SQLITE_CANTOPEN].contains(sqliteCode) {
            return .permissionDenied
        }
        if sqliteCode == .SQLITE_CORRUPT || sqliteCode == .SQLITE_NOTADB { return .damaged }
        return .other
    }

    /// Classifies an error thrown by GRDB while opening or using the file at `path`.
    static func classify(_ error: Error, path: String) -> StoreFailure {
        let code = (error as? DatabaseError)?.resultCode.primaryResultCode
        return classify(sqliteCode: code, errno: nil, filesystem: .probe(path))
    }

    /// The error to report, with advice for this cause; `fallback` is the code of a failure of no known cause.
    func error(path: String, detail: String, fallback: StoreError.Code) -> StoreError {
        let directory = Self.directory(of: path)
        switch self {
        case .missingDirectory:
            return StoreError(code: .missingDirectory, path: path, message: "the directory \(directory) does not exist; create it, owned by the nhacviec user (systemd-tmpfiles --create does), or fix `state:` in the main file")
        case .diskFull:
            return StoreError(code: .diskFull, path: path, message: "the filesystem holding \(directory) is full; free some space there; nothing can be recorded until then (\(detail))")
        case .readOnlyFilesystem:
            return StoreError(code: .readOnly, path: path, message: "the filesystem holding \(directory) is mounted read-only; remount it read-write, or point `state:` at a writable directory (under systemd, see ReadWritePaths=)")
        case .permissionDenied:
            return StoreError(code: .permissionDenied, path: path, message: "permission denied: run as the nhacviec user, or as a member of group nhacviec (usermod -aG nhacviec USER); the file needs mode 0660 and its directory must be writable by the group")
        case .damaged:
            return StoreError(code: .corrupt, path: path, message: "the file is damaged (\(detail)); restore the file from a backup (it is never recreated, which would resend every reminder)")
        case .other:
            return StoreError(code: fallback, path: path, message: detail)
        }
    }

    /// The failure of a system call that just set errno on the file or its directory.
    static func systemCall(path: String, filesystem: Filesystem) -> StoreError {
        let code = errno
        return classify(sqliteCode: nil, errno: code, filesystem: filesystem)
            .error(path: path, detail: String(cString: strerror(code)), fallback: .unreadable)
    }

    /// The directory of a path, `.` for a bare file name.
    static func directory(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }
}
