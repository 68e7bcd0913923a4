import Foundation

/// Reads a whole file straight into a byte array: `Data(contentsOf:)` and then `Array(_:)` copy every byte
/// twice, which at national scale is half a gigabyte of plans.
enum FileBytes {
    /// The file's bytes; any failure is retried through Foundation, whose error describes it for the user.
    static func read(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return try viaFoundation(path) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return try viaFoundation(path) }
        let size = Int(info.st_size)
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let n = Foundation.read(descriptor, buffer.baseAddress! + count, size - count)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                count += n
            }
            var probe: UInt8 = 0
            complete = Foundation.read(descriptor, &probe, 1) == 0
        }
        // A file that shrank or grew while being read is read again the ordinary way.
        return complete && bytes.count == size ? bytes : try viaFoundation(path)
    }

    /// At most the first `count` bytes of a file (fewer when it is shorter).
    static func read(prefix count: Int, of path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(descriptor) }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
            filled = 0
            while filled < count {
                let n = Foundation.read(descriptor, buffer.baseAddress! + filled, count - filled)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                filled += n
            }
        }
    }

    private static func viaFoundation(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
