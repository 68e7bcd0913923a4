import Foundation

/// A complete, validated configuration: the main settings and every plan.
public struct Configuration: Sendable {
    /// The main file's path.
    public var mainFile: String
    /// The main settings.
    public var settings: MainSettings {
        didSet { calendar = WorkingCalendar(official: settings.officialYears) }
    }
    /// The plans, in file order.
    public var plans: [LoadedPlan]
    /// Warnings found while loading; errors prevent a `Configuration` from existing.
    public var warnings: [Diagnostic]
    /// The working-day calendar these settings define, built once: it spans 1968-2100 and every
    /// delivery reads it.
    public private(set) var calendar: WorkingCalendar

    /// Creates a configuration and builds its calendar.
    public init(mainFile: String, settings: MainSettings, plans: [LoadedPlan], warnings: [Diagnostic]) {
        self.mainFile = mainFile
        self.settings = settings
        self.plans = plans
        self.warnings = warnings
        self.calendar = WorkingCalendar(official: settings.officialYears)
    }
}
