/// What importing a corrected list of petitions changes in the current one: matched by number, so that
/// each petition keeps its task id (`kn-N`) and with it every done mark in the ledger.
public struct PetitionMerge: Sendable, Hashable {
    /// Numbers only in the imported list.
    public var added: [Int]
    /// Numbers in both lists whose content, raiser, department or deadline differ.
    public var changed: [Int]
    /// Numbers only in the current list: their petitions go.
    public var removed: [Int]
    /// How many are the same in both.
    public var unchanged: Int
    /// Removed numbers whose petition is already answered: refused unless forced.
    public var removedAnswered: [Int]
    /// Changed numbers that are answered and now go to another department: the answer was that department's.
    public var answeredMoved: [Int]
    /// The new list: the imported petitions, in the imported order.
    public var result: [Petition]

    /// Whether anything changes.
    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }

    /// Compares `imported` with `current`; `answered` holds the numbers that the ledger has a done mark for.
    public static func merge(current: [Petition], imported: [Petition], answered: Set<Int>) -> PetitionMerge {
        var before: [Int: Petition] = [:]
        for petition in current { before[petition.number] = petition }
        var merge = PetitionMerge(added: [], changed: [], removed: [], unchanged: 0, removedAnswered: [], answeredMoved: [],
                                  result: imported)
        var seen = Set<Int>()
        for petition in imported {
            seen.insert(petition.number)
            guard let old = before[petition.number] else {
                merge.added.append(petition.number)
                continue
            }
            if old == petition {
                merge.unchanged += 1
            } else {
                merge.changed.append(petition.number)
                if old.department != petition.department && answered.contains(petition.number) {
                    merge.answeredMoved.append(petition.number)
                }
            }
        }
        for petition in current where !seen.contains(petition.number) {
            merge.removed.append(petition.number)
            if answered.contains(petition.number) { merge.removedAnswered.append(petition.number) }
        }
        return merge
    }
}
