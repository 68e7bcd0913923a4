import Foundation
import NhacViecCore
import NhacViecOutput
#if canImport(Glibc)
import Glibc
#endif

/// Writes `PLAN.ics` and `PLAN.DEPARTMENT.ics` into a directory, each atomically and with mode 0644, so that a web
/// server can serve them for subscription while they are replaced.
public struct CalendarFiles: Sendable {
    let configuration: Configuration
    let directory: String

    /// Creates the writer of the configuration's calendars into `directory`.
    public init(configuration: Configuration, directory: String) {
        self.configuration = configuration
        self.directory = directory
    }

    /// Every calendar of the plans (all, or the one named); returns the file names written. When all were written,
    /// the files nhacviec wrote earlier for a plan or department that no longer exists are removed.
    @discardableResult
    public func writeAll(plan filter: String? = nil, completions: [TaskKey: [Completion]], now: Date,
                         directoryMode: mode_t = 0o755) throws(OfficeError) -> [String] {
        try prepare(mode: directoryMode)
        var written: [String] = []
        for plan in configuration.plans.map(\.plan) where filter == nil || plan.id == filter {
            for calendar in builder(now).calendars(for: plan, completions: completions) {
                try write(calendar, now: now)
                written.append(calendar.fileName)
            }
        }
        if filter == nil { removeStale(keeping: Set(written)) }
        return written
    }

    /// The plan's file and those of the departments named: what a completion or a reopening changes.
    @discardableResult
    public func refresh(plan: Plan, departments: [String], completions: [TaskKey: [Completion]],
                        now: Date) throws(OfficeError) -> [String] {
        try prepare(mode: 0o775)
        var written: [String] = []
        for department in [nil] + departments.map(Optional.some) {
            let calendar = builder(now).calendar(for: plan, department: department, completions: completions)
            try write(calendar, now: now)
            written.append(calendar.fileName)
        }
        return written
    }

    /// Removes `*.ics` files not in `names` whose `PRODID` near the top shows that nhacviec wrote them: anything else
    /// in the directory is left alone.
    private func removeStale(keeping names: Set<String>) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in entries where name.hasSuffix(".ics") && !name.hasPrefix(".") && !names.contains(name) {
            let path = directory + "/" + name
            guard let handle = FileHandle(forReadingAtPath: path) else { continue }
            let head = (try? handle.read(upToCount: 256)) ?? nil
            try? handle.close()
            if let head, String(decoding: head, as: UTF8.self).contains("\r\nPRODID:\(ICalendarWriter.productID)\r\n") {
                unlink(path)
            }
        }
    }

    private func builder(_ now: Date) -> TaskCalendarBuilder {
        TaskCalendarBuilder(calendar: configuration.calendar, repliesByMail: configuration.settings.replyTo != nil, now: now)
    }

    private func write(_ calendar: TaskCalendar, now: Date) throws(OfficeError) {
        do {
            try AtomicFileWriter.publish(directory + "/" + calendar.fileName,
                                         with: ICalendarWriter.render(calendar, stamp: now), mode: 0o644)
        } catch {
            throw OfficeError(.unwritable, error.description)
        }
    }

    /// Creates the directory (not its parents) when missing, with exactly `mode`.
    private func prepare(mode: mode_t) throws(OfficeError) {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw OfficeError(.unwritable, "\(directory) is not a directory")
            }
            return
        }
        guard errno == ENOENT else { throw OfficeError(.unwritable, "cannot inspect \(directory): \(Self.reason)") }
        guard mkdir(directory, mode) == 0 || errno == EEXIST else {
            throw OfficeError(.unwritable, "cannot create \(directory): \(Self.reason)")
        }
        chmod(directory, mode)  // mkdir's mode went through the umask
    }

    private static var reason: String { String(cString: strerror(errno)) }
}
