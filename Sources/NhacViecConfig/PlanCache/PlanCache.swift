import Crypto
import Foundation

/// Compiled plan files in a directory of their own, so that a start or reload reads unchanged plans
/// without parsing their YAML.
///
/// An entry is used only when the text's SHA-256, the build and the format all match what it was
/// compiled from, and its own checksum holds; anything else is ignored and the text is read as if
/// there were no cache. The daemon writes it; the other commands read it (`isReadOnly`), so that a plan file
/// whose bytes did not change is not parsed again by `status`, `inbound` or `done` either.
public struct PlanCache: Sendable {
    /// Bumped whenever the binary form of a plan changes: 3 added petitions' fields, 4 recurring due rules and
    /// `shift: skip`.
    static let formatVersion = 4
    private static let magic = Array("NHVPLAN\n".utf8)

    /// Where the entries live.
    public let directory: String
    /// The build that compiles and reads entries; an entry of another build is stale.
    public let build: String

    /// Whether entries are only read: a command run by an admin or by postfix never writes the daemon's cache,
    /// whose files belong to the service's user.
    public var isReadOnly: Bool

    /// A cache in `directory` (made when first written) for entries of this `build`.
    public init(directory: String, build: String, isReadOnly: Bool = false) {
        self.directory = directory
        self.build = build
        self.isReadOnly = isReadOnly
    }

    /// This executable, named by its GNU build ID (a hash of its contents the linker writes into an ELF note) and
    /// its size: a rebuilt or upgraded binary, which may read plans differently, never uses entries another one
    /// compiled. The modification time cannot serve: a Debian package sets every file's to its changelog's date.
    /// Without a build ID, the size, modification time and inode stand in.
    public static func currentBuild() -> String {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 || stat(CommandLine.arguments[0], &info) == 0 else { return "unknown-\(getpid())" }
        if let head = try? FileBytes.read(prefix: 64 << 10, of: "/proc/self/exe"), let id = buildID(in: head) {
            return "build-id \(id) size \(info.st_size)"
        }
        return "exe \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)"
    }

    /// The hex digits of the first NT_GNU_BUILD_ID note in the bytes (the linker puts it near the start).
    static func buildID(in bytes: [UInt8]) -> String? {
        // namesz 4, descsz (any), type 3 (NT_GNU_BUILD_ID), name "GNU\0", little-endian.
        let pattern: [UInt8] = [3, 0, 0, 0, 0x47, 0x4E, 0x55, 0]
        var index = 8
        while index + pattern.count <= bytes.count {
            if bytes[index] == 3, Array(bytes[index..<index + 8]) == pattern, Array(bytes[index - 8..<index - 4]) == [4, 0, 0, 0] {
                let size = Int(bytes[index - 4]) | Int(bytes[index - 3]) << 8
                let start = index + 8
                guard (8...64).contains(size), start + size <= bytes.count else { return nil }
                return hex(bytes[start..<start + size])
            }
            index += 1
        }
        return nil
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }

    /// The key of a plan file's bytes.
    public static func key(of bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }

    /// The compiled plan for this file and text key, or why there is none to use.
    func load(file: String, key: [UInt8]) throws(PlanCacheError) -> CompiledPlan {
        guard let bytes = try? FileBytes.read(entryPath(for: file)) else {
            throw PlanCacheError(code: .missing, "no entry for \(file)")
        }
        let header = self.header(key: key)
        guard bytes.count >= header.count + 32, bytes.starts(with: header) else {
            throw PlanCacheError(code: .stale, "the entry for \(file) was compiled from other text or by another build")
        }
        let body = header.count + 32
        let sum = Array(SHA256.hash(data: bytes[body...]))
        guard sum.elementsEqual(bytes[header.count..<body]) else { throw PlanCacheError(code: .corrupt, "the entry for \(file) fails its checksum") }
        return try CompiledPlan(decoding: bytes, from: body, file: file)
    }

    /// Writes the compiled plan for this file and text key (atomically: a reader sees the old entry or the new).
    func store(_ compiled: CompiledPlan, file: String, key: [UInt8]) throws {
        guard !isReadOnly else { return }
        let body = compiled.encoded()
        let bytes = header(key: key) + Array(SHA256.hash(data: body)) + body
        let path = entryPath(for: file)
        let temporary = path + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        // No fsync: a torn entry after a crash fails its checksum and is rewritten, and twenty thousand
        // fsyncs would double the first start at national scale.
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        if descriptor < 0 && errno == ENOENT {
            // Made on the first write only. The service's own: plans name people and addresses, and
            // /etc/nhacviec may be closed to others.
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        }
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary]) }
        let written = bytes.withUnsafeBytes { buffer -> Bool in
            var done = 0
            while done < buffer.count {
                let n = write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        guard close(descriptor) == 0, written, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// Removes the entries of files that are no longer plan files (renamed or deleted) and leftovers of
    /// interrupted writes.
    public func prune(keeping files: [String]) {
        guard !isReadOnly else { return }
        let kept = Set(files.map { Self.entryName(for: $0) })
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasSuffix(".tmp") || (name.hasSuffix(".plan") && !kept.contains(name)) {
            unlink(directory + "/" + name)
        }
    }

    private func header(key: [UInt8]) -> [UInt8] {
        Self.magic + Array("\(Self.formatVersion) \(build)\n".utf8) + key
    }

    private func entryPath(for file: String) -> String { directory + "/" + Self.entryName(for: file) }

    /// One entry per plan file path, named by the path's hash: paths may hold any character.
    static func entryName(for file: String) -> String {
        hex(SHA256.hash(data: Array(file.utf8)).prefix(16)) + ".plan"
    }
}
