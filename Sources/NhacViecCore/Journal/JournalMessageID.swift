/// The journal `MESSAGE_ID` of each event kind; `systemd/nhacviec.catalog` explains each one, and a test fails
/// when the two disagree.
public enum JournalMessageID {
    /// A reminder was delivered to sendmail.
    public static let reminderSent = "c23f58e8ab1c416abfd53d32c8d2a7b3"
    /// A delivery failed temporarily and will be retried.
    public static let deliveryDeferred = "63fb73f3991a41c29692acecf12442a4"
    /// A delivery failed for good, or was given up.
    public static let deliveryFailed = "018abc0aae834a7b854c1101d09e469a"
    /// An overdue reminder was sent.
    public static let taskOverdue = "3e7e8962e7af4763b4fee02a2080e557"
    /// An escalation was sent.
    public static let escalationSent = "f7a50d08596e429cb79de0a73b16e100"
    /// A task was marked done.
    public static let taskDone = "cc3a092e93b14c1d82aa917e37a2693e"
    /// The configuration was reloaded.
    public static let configReloaded = "6bfb60255c6040ec98f356fc32b9ec0e"
    /// A reload was refused; the old configuration stays.
    public static let configRejected = "54cfc579e69f47048c9177607b96ad48"
    /// The daemon started.
    public static let daemonStarted = "4b4423e06dca40f38a3aa895bfca4435"
    /// The daemon stopped.
    public static let daemonStopped = "dc7b368b699a49ec9dd71c4fa09da3bf"
    /// A reminder was skipped (superseded or too late).
    public static let reminderSkipped = "558f4d8d04104c2bb57fb79af63d706b"
    /// A task was reopened.
    public static let taskReopened = "a4ae6a2b74d0411590f08d7f0762ba73"
    /// Sends begun by an earlier process were never recorded; each may go out twice.
    public static let deliveryInterrupted = "3acd92e519d449038d4fdfffbd9a3ffe"
    /// The state file cannot be written; sending is paused.
    public static let storeUnwritable = "14414299a1ae4d84bf11e7dccb860cfe"
    /// The state file can be written again; sending resumed.
    public static let storeRecovered = "9d4e22ca3d6149abb12240f6df565988"
    /// One department's own copy of a reminder was accepted by sendmail.
    public static let copySent = "1082efa0a4c74612ab45589ddf5abe30"
    /// One department's own copy of a reminder was not accepted (it is retried or reported).
    public static let copyFailed = "7ad489e294034c2a826b3f4919723d3b"
    /// A department's reply reported its part of a task done.
    public static let inboundCompletion = "4db1a0f774b84f258ac5847915884359"
    /// A reply that is not a completion was forwarded to the plan's admins.
    public static let inboundForwarded = "faeaea1c02d9412581a7765d20f516ca"
    /// An automatic message (vacation, bounce) reached the reply address; forwarded, not answered.
    public static let inboundAutomatic = "8e2791e4ab444ec399e286e9e2ac6c4a"
    /// A message with no, an unknown or a forged reply token was forwarded to the postmaster.
    public static let inboundUnknown = "a4e1280a0e5041a4af42f37464924ede"
    /// A received message could be neither recorded nor forwarded; the MTA keeps it and retries.
    public static let inboundDeferred = "b3f5511a5ce54570aa333f8bccd7ebeb"
    /// A department address did not receive mail: a delivery report said so, or sendmail refused it at once.
    public static let addressUndeliverable = "5f0c3e8a9b2d4c71a6e4d2b8c9f01a37"
    /// A delivery report said mail to an address is delayed (4.x.x); it is still being tried.
    public static let addressDelayed = "2c6e9a4b7d1f4e08b3a5c7d9e1f20b46"
    /// A forward to people was held back: the address had its ten forwards of the hour (a loop, or a flood).
    public static let forwardHeld = "9a7d3b1e5c2f4a86b0d4e6f8a1c3e527"
    /// A reply arrived for a task that is no longer in its plan; it went to the plan's admins.
    public static let inboundStale = "d18b4f7a2e6c4905a3b7c1e9f5d2a864"

    /// A weekly digest was handed to sendmail.
    public static let digestSent = "7b1e4d9a0c3f4e26a8d5b2c6f9e3a170"
    /// A weekly digest was not sent: nothing to list, superseded, too late, or before a fresh ledger.
    public static let digestSkipped = "e4a9c2d7f1b84305b6e0d3a8c5f7b912"
    /// A weekly digest's delivery failed for now and will be retried.
    public static let digestDeferred = "3f8d6b2a9e1c4a57b0e4f6d8a2c9b135"
    /// A weekly digest's delivery failed for good.
    public static let digestFailed = "a6c1e8f3b9d24d70a5e7c2b4f8d1e069"

    /// Every id by its name, for the test that holds the code and `systemd/nhacviec.catalog` together.
    public static let all: [String: String] = [
        "reminderSent": reminderSent,
        "deliveryDeferred": deliveryDeferred,
        "deliveryFailed": deliveryFailed,
        "taskOverdue": taskOverdue,
        "escalationSent": escalationSent,
        "taskDone": taskDone,
        "configReloaded": configReloaded,
        "configRejected": configRejected,
        "daemonStarted": daemonStarted,
        "daemonStopped": daemonStopped,
        "reminderSkipped": reminderSkipped,
        "taskReopened": taskReopened,
        "deliveryInterrupted": deliveryInterrupted,
        "storeUnwritable": storeUnwritable,
        "storeRecovered": storeRecovered,
        "copySent": copySent,
        "copyFailed": copyFailed,
        "inboundCompletion": inboundCompletion,
        "inboundForwarded": inboundForwarded,
        "inboundAutomatic": inboundAutomatic,
        "inboundUnknown": inboundUnknown,
        "inboundDeferred": inboundDeferred,
        "addressUndeliverable": addressUndeliverable,
        "addressDelayed": addressDelayed,
        "forwardHeld": forwardHeld,
        "inboundStale": inboundStale,
        "digestSent": digestSent,
        "digestSkipped": digestSkipped,
        "digestDeferred": digestDeferred,
        "digestFailed": digestFailed,
    ]
}
