/// A named event of a plan (the conference, the Conclusion Notice) that deadlines count from.
public struct PlanEvent: Sendable, Hashable {
    /// Its day, or nil while it is still to be announced (`tbd`).
    public var date: LocalDate?
    /// Whether the date is provisional (dự kiến): real mail goes out, but `check` warns about it.
    public var isTentative: Bool
    /// When it starts on its day, if the plan says.
    public var time: TimeOfDay?
    /// Where it takes place, if the plan says.
    public var place: String?
    /// What its day is called in a sentence after "ngày" (`tổ chức Hội nghị`, `ban hành Thông báo kết luận`),
    /// if the plan says: mail then states a deadline's rule in words.
    public var name: String?
    /// Its number and symbol (số, ký hiệu) when the event is the issue of a document, such as the Conclusion
    /// Notice's `45/TB-UBND`, if the plan says: petitions' reminders cite it.
    public var number: String?

    /// Creates an event.
    public init(date: LocalDate?, isTentative: Bool = false, time: TimeOfDay? = nil, place: String? = nil,
                name: String? = nil, number: String? = nil) {
        self.name = name
        self.number = number
        self.date = date
        self.isTentative = isTentative
        self.time = time
        self.place = place
    }

    /// An event whose date is still to be announced.
    public static let tbd = PlanEvent(date: nil)
}
