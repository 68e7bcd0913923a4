import ArgumentParser

/// `nhacviec petitions`: the Conclusion Notice's petitions, imported from a spreadsheet and reported upward.
struct PetitionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "petitions",
        abstract: "Import the Conclusion Notice's petitions from a spreadsheet (CSV), and report which are answered.",
        discussion: """
            Each petition (kiến nghị) becomes the task kn-NUMBER of its plan, owned by the department that must \
            answer it, in plans.d/PLAN.kien-nghi.yaml next to the plan. Mark one answered with \
            nhacviec done PLAN kn-N --ref 45/UBND-VP [--date YYYY-MM-DD], or by a reply to its reminder \
            ("Đã trả lời tại văn bản số 45/UBND-VP"). See docs/petitions.md.
            """,
        subcommands: [PetitionsImportCommand.self, PetitionsReportCommand.self]
    )
}
