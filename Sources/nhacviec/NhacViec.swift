import ArgumentParser

/// The `nhacviec` command: reminders for an office's plans, by mail, on working days.
@main
struct NhacViec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nhacviec",
        abstract: "Remind departments of their plan deadlines by mail, counting Vietnamese working days.",
        discussion: """
            Plans are YAML files in the plans directory named by the main file \
            (default /etc/nhacviec/nhacviec.yaml, or $NHACVIEC_CONFIG). See docs/plan-format.md and docs/operations.md.
            """,
        subcommands: [CheckCommand.self, ScheduleCommand.self, HolidaysCommand.self, RunCommand.self,
                      StatusCommand.self, DoneCommand.self, ReopenCommand.self, EventCommand.self, InboundCommand.self,
                      CalendarCommand.self, PetitionsCommand.self]
    )
}
