import NhacViecCore

/// Warns about each tentative (dự kiến) event that tasks count from: its reminders go out as real mail.
struct TentativeEventWarnings {
    func check(_ plans: [LoadedPlan]) -> [Diagnostic] {
        plans.flatMap(warnings(for:))
    }

    private func warnings(for loaded: LoadedPlan) -> [Diagnostic] {
        let tentative = loaded.plan.events.filter(\.value.isTentative).keys.sorted()
        return tentative.compactMap { name in
            let count = loaded.plan.tasks.filter { $0.due.event == name }.count
            guard count > 0 else { return nil }
            let mark = loaded.eventMarks[name] ?? loaded.idMark
            let tasks = count == 1 ? "1 task depends" : "\(count) tasks depend"
            return Diagnostic(file: loaded.file, line: mark.line, column: mark.column, severity: .warning,
                              message: "the date of '\(name)' is tentative (dự kiến); \(tasks) on it")
        }
    }
}
