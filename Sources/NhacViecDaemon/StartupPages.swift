#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Gives back the clean, file-backed pages that loading touched and sleeping does not need.
///
/// Parsing and planning run through most of the binary's code once; those pages then stay resident for
/// weeks of sleep (about 17 MB of a statically linked build). `MADV_PAGEOUT` (Linux 5.4) drops them from
/// the process; the next timer or reload faults back in only what it runs, from the page cache. Only
/// read-only mappings of files are advised: writable and anonymous memory is never touched, and the kernel
/// leaves alone any page another process maps too. On an older kernel the call fails and nothing changes.
enum StartupPages {
    private static let pageOut: Int32 = 21  // MADV_PAGEOUT, which Glibc's module does not export

    /// Pages out the process's read-only file mappings; returns how many bytes were advised.
    @discardableResult
    static func release() -> Int {
        #if os(Linux)
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return 0 }
        var advised = 0
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1].hasPrefix("r"), !fields[1].contains("w"), fields[5].hasPrefix("/") else { continue }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16), end > start,
                  let address = UnsafeMutableRawPointer(bitPattern: start) else { continue }
            if madvise(address, Int(end - start), pageOut) == 0 { advised += Int(end - start) }
        }
        return advised
        #else
        return 0
        #endif
    }
}
