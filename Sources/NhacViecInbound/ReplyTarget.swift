/// What a reply address stands for: one department's part of one task of one plan.
public struct ReplyTarget: Hashable, Sendable {
    /// The plan's id.
    public let plan: String
    /// The task's id within the plan.
    public let task: String
    /// The owner department's id.
    public let department: String

    /// Creates a target.
    public init(plan: String, task: String, department: String) {
        self.plan = plan
        self.task = task
        self.department = department
    }

    /// The MAC's input: a version label, then each id length-prefixed, so no two targets share an encoding
    /// ("a-b"+"c" and "a"+"b-c" differ).
    var macInput: [UInt8] {
        var bytes = Array("nhacviec-reply-v1".utf8)
        for field in [plan, task, department] {
            let utf8 = Array(field.utf8)
            let length = UInt32(utf8.count)
            bytes += [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
            bytes += utf8
        }
        return bytes
    }
}
