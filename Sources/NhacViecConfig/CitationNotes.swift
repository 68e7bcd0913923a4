import NhacViecCore

/// Notes, once per plan, that a plan without a number (số, ký hiệu) is cited in mail by its title alone: nothing to
/// fix, but an office that has the signed plan should fill `number` and `issued` in.
struct CitationNotes {
    func check(_ plans: [LoadedPlan]) -> [Diagnostic] {
        plans.compactMap { loaded in
            guard loaded.plan.number == nil else { return nil }
            // The citation the mail will print, so that the office sees what its departments will read.
            return Diagnostic(file: loaded.file, line: loaded.idMark.line, column: loaded.idMark.column, severity: .note,
                              message: "plan '\(loaded.plan.id)' has no number (số, ký hiệu): mail cites it by its title, "
                                  + "\"\(loaded.plan.citation)\"; add 'number' and 'issued' from the signed plan to cite it "
                                  + "as Kế hoạch số …/KH-… ngày …")
        }
    }
}
