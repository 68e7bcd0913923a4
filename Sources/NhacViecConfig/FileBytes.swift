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
            count = readFully(descriptor, into: buffer)
            var probe: UInt8 = 0
            complete = count == size && Foundation.read(descriptor, &probe, 1) == 0
        }
        // A file that shrank or grew while being read is read again the ordinary way.
        return complete ? bytes : try viaFoundation(path)
    }

    /// At most the first `count` bytes of a file (fewer when it is shorter).
    static func read(prefix count: Int, of path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(descriptor) }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in filled = readFully(descriptor, into: buffer) }
    }

    /// Reads until the buffer is full or the file ends; returns how many bytes it read.
    private static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var filled = 0
        while filled < buffer.count {
            let n = Foundation.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            filled += n
        }
        return filled
    }

    private static func viaFoundation(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
