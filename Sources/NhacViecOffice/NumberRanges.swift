/// A list of numbers written with ranges: `1-5, 8, 10-12`.
enum NumberRanges {
    /// The numbers, sorted, runs of consecutive ones as `FIRST-LAST`.
    static func text(_ list: [Int]) -> String {
        let sorted = list.sorted()
        var parts: [String] = []
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
            parts.append(end == index ? String(sorted[index]) : "\(sorted[index])-\(sorted[end])")
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }
}
