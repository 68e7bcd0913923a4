import Foundation
import NhacViecCore

/// Warns about schedule days that depend on holidays computed rather than announced.
struct ScheduleWarnings {
    let calendar: WorkingCalendar

    func check(_ plans: [LoadedPlan]) -> [Diagnostic] {
        let planner = ReminderPlanner(calendar: calendar)
        return ParallelMap.map(plans) { warnings(for: $0, planner: planner) }.flatMap { $0 }
    }

    private func warnings(for loaded: LoadedPlan, planner: ReminderPlanner) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for (index, task) in loaded.plan.tasks.enumerated() {
                let holidays = planner.provisionalDependencies(of: task, in: loaded.plan)
                guard !holidays.isEmpty else { continue }
                let file: String, mark: SourcePosition
                if index < loaded.dueMarks.count {
                    (file, mark) = (loaded.file, loaded.dueMarks[index])
                } else if let petitions = loaded.petitions, index - loaded.dueMarks.count < petitions.dueMarks.count {
                    (file, mark) = (petitions.file, petitions.dueMarks[index - loaded.dueMarks.count])
                } else {
                    continue
                }
                let names = holidays.map { "\($0.date.iso) \($0.name)" }.joined(separator: ", ")
                let years = Set(holidays.map(\.date.year)).sorted().map(String.init).joined(separator: ", ")
                warnings.append(Diagnostic(file: file, line: mark.line, column: mark.column, severity: .warning,
                                           message: "task '\(task.id)' relies on provisional holidays (\(names)); add the official \(years) schedule to the main file once it is announced"))
        }
        return warnings
    }
}
