import Foundation

/// One message the daemon handed to sendmail, as the ledger keeps it: its id signs the message's bounce
/// address, so that a delivery report names the copy, and through it the task and department, it is about.
public struct SentCopy: Sendable, Hashable {
    /// The ledger's id of the copy, the same for every attempt to send it.
    public var id: Int64
    /// The copy key: a reminder instance's key and department, or a digest's key.
    public var key: String
    /// The plan's id; empty for a digest, which spans plans.
    public var plan: String
    /// The task's id; empty for a digest.
    public var task: String
    /// The department whose copy it is, when it is one department's.
    public var department: String?
    /// The envelope recipients.
    public var recipients: [String]
    /// The message's `Message-ID`, angle brackets included.
    public var mailID: String?
    /// When the latest attempt to send it began.
    public var at: Date
    /// The sends a grouped mail lists, in the order it numbers them; empty for a mail of one send.
    public var items: [CopyItem] = []

    /// Creates a record.
    public init(id: Int64, key: String, plan: String, task: String, department: String?, recipients: [String],
                mailID: String?, at: Date) {
        self.id = id
        self.key = key
        self.plan = plan
        self.task = task
        self.department = department
        self.recipients = recipients
        self.mailID = mailID
        self.at = at
    }
}

/// One send a grouped mail lists: its task and the number the mail gives it.
public struct CopyItem: Sendable, Hashable {
    /// The send's key.
    public var key: String
    /// Its task.
    public var task: TaskKey
    /// The number the mail shows: a petition's own number, else its place in the list (1, 2, …).
    public var number: Int

    /// Creates an item.
    public init(key: String, task: TaskKey, number: Int) {
        self.key = key
        self.task = task
        self.number = number
    }
}
