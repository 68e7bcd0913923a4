import Foundation
import GRDB
@testable import NhacViecStore
import Testing

/// Each cause of a state-store failure gets its own message: only a damaged file sends the admin to a backup.
struct StoreFailureTests {
    typealias Filesystem = StoreFailure.Filesystem

    @Test("a state file in a missing directory names the directory and says to create it or fix state:")
    func missingDirectory() throws {
        let directory = NSTemporaryDirectory() + "nhacviec-absent-\(UUID().uuidString)"
        for open in [{ try AppDatabase.openForDaemon(path: $0) }, AppDatabase.openForClient] as [(String) throws -> AppDatabase] {
            let error = try #require(throws: StoreError.self) { try open(directory + "/state.sqlite") }
            #expect(error.code == .missingDirectory)
            #expect(error.description == "state file \(directory)/state.sqlite: the directory \(directory) does not exist; create it, owned by the nhacviec user (systemd-tmpfiles --create does), or fix `state:` in the main file")
        }
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test("a file that is not a database is reported as damaged, with the advice to restore a backup")
    func damagedFile() throws {
        let path = NSTemporaryDirectory() + "nhacviec-damaged-\(UUID().uuidString).sqlite"
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: StoreError.self) { try AppDatabase.openForDaemon(path: path) }
        #expect(error.code == .corrupt)
        #expect(error.message.hasPrefix("the file is damaged ("))
        #expect(error.message.hasSuffix("restore the file from a backup (it is never recreated, which would resend every reminder)"))
    }

    @Test("SQLite's codes and the system's errno are told apart by cause", arguments: [
        (ResultCode.SQLITE_FULL, nil, Filesystem(), StoreFailure.diskFull),
        (ResultCode.SQLITE_IOERR, nil, Filesystem(full: true), .diskFull),
        (nil, ENOSPC, Filesystem(), .diskFull),
        (nil, EROFS, Filesystem(readOnly: true), .readOnlyFilesystem),
        (ResultCode.SQLITE_READONLY, nil, Filesystem(readOnly: true), .readOnlyFilesystem),
        (ResultCode.SQLITE_CANTOPEN, nil, Filesystem(readOnly: true), .readOnlyFilesystem),
        (ResultCode.SQLITE_READONLY, nil, Filesystem(), .permissionDenied),
        (nil, EACCES, Filesystem(), .permissionDenied),
        (ResultCode.SQLITE_CANTOPEN, nil, Filesystem(), .permissionDenied),
        (ResultCode.SQLITE_CANTOPEN, nil, Filesystem(directoryExists: false), .missingDirectory),
        (ResultCode.SQLITE_CORRUPT, nil, Filesystem(), .damaged),
        (ResultCode.SQLITE_NOTADB, nil, Filesystem(), .damaged),
        (ResultCode.SQLITE_IOERR, nil, Filesystem(), .other),
        (ResultCode.SQLITE_BUSY, nil, Filesystem(), .other),
    ] as [(ResultCode?, Int32?, Filesystem, StoreFailure)])
    func classification(code: ResultCode?, errno: Int32?, filesystem: Filesystem, expected: StoreFailure) {
        #expect(StoreFailure.classify(sqliteCode: code, errno: errno, filesystem: filesystem) == expected)
    }

    @Test("each cause has its own message, and only a damaged file mentions a backup")
    func messagesPerCause() {
        let causes: [StoreFailure] = [.missingDirectory, .diskFull, .readOnlyFilesystem, .permissionDenied, .damaged]
        let errors = causes.map { $0.error(path: "/var/lib/nhacviec/state.sqlite", detail: "disk I/O error", fallback: .query) }
        #expect(Set(errors.map(\.code)).count == causes.count)
        #expect(errors.filter { $0.message.contains("backup") }.map(\.code) == [.corrupt])
        #expect(errors.filter { $0.message.contains("run as the nhacviec user") }.map(\.code) == [.permissionDenied])
        #expect(errors[1].message.hasPrefix("the filesystem holding /var/lib/nhacviec is full"))
        #expect(errors[2].message.hasPrefix("the filesystem holding /var/lib/nhacviec is mounted read-only"))
        let other = StoreFailure.other.error(path: "/x", detail: "database is locked", fallback: .query)
        #expect(other.code == .query && other.message == "database is locked")
    }

    @Test("the filesystem probe sees an existing, writable temporary directory and a missing one")
    func probe() {
        #expect(Filesystem.probe(NSTemporaryDirectory() + "state.sqlite") == Filesystem(directoryExists: true, readOnly: false, full: false))
        #expect(!Filesystem.probe("/nonexistent-\(UUID().uuidString)/state.sqlite").directoryExists)
    }
}
