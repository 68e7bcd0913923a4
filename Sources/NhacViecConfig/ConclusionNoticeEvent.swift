import NhacViecCore

/// Which event of a plan is the Conclusion Notice (Thông báo kết luận), the day a petition's deadline written in
/// days ("15 ngày làm việc", "10 ngày") counts from.
///
/// The shipped plan and the documentation call it `conclusion`; a plan written in Vietnamese may call it
/// `ket-luan`, or anything with a `name` that says "Thông báo kết luận". An event with one of the known ids wins,
/// so a plan that also names another event after the notice is not ambiguous.
enum ConclusionNoticeEvent {
    /// What a plan holds.
    enum Lookup: Equatable {
        /// The one event, by id.
        case found(String)
        /// No event is the notice.
        case missing
        /// Several events are named after the notice and none has a known id.
        case ambiguous([String])
    }

    /// The ids recognised on their own, in order of preference.
    static let ids = ["conclusion", "ket-luan", "thong-bao-ket-luan", "tbkl"]

    /// The notice's event in `plan`.
    static func lookup(in plan: Plan) -> Lookup {
        if let id = ids.first(where: { plan.events[$0] != nil }) { return .found(id) }
        let named = plan.events.filter { _, event in
            event.name.map { VietnameseFolding.key($0).contains("thong bao ket luan") } ?? false
        }.keys.sorted()
        switch named.count {
        case 0: return .missing
        case 1: return .found(named[0])
        default: return .ambiguous(named)
        }
    }
}
