import Foundation
import NhacViecConfig
import Testing

/// Plans written to break `check`: huge, deep, malformed or full of invisible characters. Each gets a positioned
/// error, never a crash or a stall.
struct HostilePlanTests {
    static let planFile = YAMLReadingTests.planFile

    static func errors(_ plan: String) -> [String] { YAMLReadingTests.errors(plan) }

    @Test("a duplicate among 200,000 keys of one mapping is still reported at the second key")
    func duplicateAmongManyKeys() {
        var plan = YAMLReadingTests.header.replacingOccurrences(of: "events: {hop: 2025-12-19}\n", with: "events:\n")
        plan.reserveCapacity(4_000_000)
        for index in 0..<200_000 { plan += "  e\(index): tbd\n" }
        plan += "  e7: tbd\ndepartments: {}\ntasks: []\n"
        #expect(Self.errors(plan) == ["\(Self.planFile):200003:3: error: YAML syntax: duplicate key 'e7' (first on line 10)"])
    }

    static let tooDeep = "lists and mappings are nested more than 1000 levels deep"

    @Test("a list nested 100,000 deep is refused at a position, not a stack overflow")
    func deepYAMLNesting() {
        let depth = 100_000
        let plan = YAMLReadingTests.header + "departments: {}\ntasks: " + String(repeating: "[", count: depth)
            + String(repeating: "]", count: depth) + "\n"
        #expect(Self.errors(plan) == ["\(Self.planFile):4:9: error: YAML syntax: \(Self.tooDeep)"])
    }

    @Test("a mapping nested 100,000 deep is refused at a position, not a stack overflow")
    func deepYAMLMappingNesting() {
        let depth = 100_000
        let plan = YAMLReadingTests.header + "departments: {}\ntasks: [" + String(repeating: "{a: ", count: depth)
            + "b" + String(repeating: "}", count: depth) + "]\n"
        #expect(Self.errors(plan) == ["\(Self.planFile):4:3997: error: YAML syntax: \(Self.tooDeep)"])
    }
}
