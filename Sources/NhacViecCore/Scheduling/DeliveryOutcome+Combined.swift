extension DeliveryOutcome {
    /// The outcome of a reminder sent as several copies: sent once every copy was accepted; a store
    /// that cannot be written wins, then a temporary failure (the copies not yet accepted are retried),
    /// then a permanent one. The reasons name the departments.
    public static func combined(_ outcomes: [(department: String?, outcome: DeliveryOutcome)]) -> DeliveryOutcome {
        func reasons(_ pick: (DeliveryOutcome) -> String?) -> String? {
            let found = outcomes.compactMap { entry in pick(entry.outcome).map { (entry.department.map { "\($0): " } ?? "") + $0 } }
            return found.isEmpty ? nil : found.joined(separator: "; ")
        }
        if let reason = reasons({ if case .storeUnavailable(let r) = $0 { r } else { nil } }) { return .storeUnavailable(reason) }
        if outcomes.contains(where: { $0.outcome == .cancelled }) { return .cancelled }
        if let reason = reasons({ if case .temporaryFailure(let r) = $0 { r } else { nil } }) { return .temporaryFailure(reason) }
        if let reason = reasons({ if case .permanentFailure(let r) = $0 { r } else if case .refused(let r) = $0 { r } else { nil } }) {
            return .permanentFailure(reason)
        }
        if !outcomes.isEmpty, let first = outcomes.first?.outcome, outcomes.allSatisfy({ $0.outcome == first }),
           first == .taskDone || { if case .notNeeded = first { return true } else { return false } }() {
            return first
        }
        return .sent
    }
}

extension DeliveryOutcome {
    /// Whether the transport refused for good.
    public var isPermanentFailure: Bool {
        switch self {
        case .permanentFailure, .refused: return true
        default: return false
        }
    }
}
