/// A department address of a plan that mail does not reach, as `status` shows it next to its department.
public struct UndeliverableAddress: Sendable, Hashable {
    /// The plan.
    public var plan: String
    /// The department whose address it is.
    public var department: String
    /// The failure that marks it.
    public var failure: AddressFailure

    /// Creates a row.
    public init(plan: String, department: String, failure: AddressFailure) {
        self.plan = plan
        self.department = department
        self.failure = failure
    }

    /// The marks that still name an address of a department, plan by plan: a mark on an address the plan no
    /// longer lists is cleared by that change.
    public static func list(plans: [Plan], failures: [AddressFailure]) -> [UndeliverableAddress] {
        let byAddress = Dictionary(failures.map { ($0.address.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        guard !byAddress.isEmpty else { return [] }
        return plans.flatMap { plan in
            plan.departments.flatMap { department in
                (department.emails + department.cc).compactMap { address in
                    byAddress[address.lowercased()].map { UndeliverableAddress(plan: plan.id, department: department.id, failure: $0) }
                }
            }
        }
    }
}
