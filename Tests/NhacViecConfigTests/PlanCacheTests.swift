import Foundation
@testable import NhacViecConfig
import NhacViecCore
import Testing
import TestSupport

/// The daemon's compiled plan cache: it must never change what a configuration means.
struct PlanCacheTests {
    /// The shipped main file and plan, plus a plan that uses every field the binary form writes.
    static func source() throws -> MemoryConfigurationSource {
        let root = Fixtures.repositoryRoot().appendingPathComponent("config")
        let main = try String(contentsOf: root.appendingPathComponent("nhacviec.yaml"), encoding: .utf8)
        let shipped = try String(contentsOf: root.appendingPathComponent("plans.d/ba-don-2025.yaml"), encoding: .utf8)
        return MemoryConfigurationSource(files: ["/c/nhacviec.yaml": main.replacingOccurrences(of: "plans: plans.d", with: "plans: /c/plans.d"),
                                                 "/c/plans.d/ba-don-2025.yaml": shipped, "/c/plans.d/full.yaml": fullPlan])
    }

    static let fullPlan = """
        plan:
          id: full
          title: Kế hoạch đủ mọi trường
          title-case: keep
          authority: UBND phường
          number: 12/KH-UBND
          issued: 2025-11-03
          signer: TM. UBND phường, Chủ tịch
          timezone: Asia/Bangkok
          send-at: "06:45"
          admin: [vp@example.gov.vn, it@example.gov.vn]
          digest: {weekday: friday, at: "16:00", advance: drop}
        events:
          hoi-nghi: {date: 2025-12-20, tentative: true, time: "08:00", place: Hội trường, name: Hội nghị}
          thong-bao: {date: 2025-12-26, number: 45/TB-UBND}
        departments:
          vp: {name: Văn phòng, email: vp@example.gov.vn, cc: pho@example.gov.vn}
          mttq: {name: Ủy ban MTTQ, email: [mttq@example.gov.vn, ct.mttq@example.gov.vn], external: true, digest: none}
        templates:
          subject: "{{task.title}}"
        tasks:
          - {id: a, title: Gửi giấy mời, owner: [vp, mttq], due: hoi-nghi - 7d, shift: earlier, remind: [5wd, 1wd, 0d]}
          - id: b
            title: iPhone cho tổ dân phố
            title-case: keep
            description: Một dòng mô tả dài.
            owner: vp
            due: thong-bao + 15wd
            overdue: {every: 2wd, times: 3, until: hoi-nghi}
            escalate: {after: 1wd, to: [mttq, lanh.dao@example.gov.vn], until: hoi-nghi}
          - {id: c, title: Báo cáo, owner: vp, due: 2025-12-31, shift: none, overdue: none, escalate: none}
          - {id: d, title: Số liệu tháng, owner: vp, due: {every: month, day: 31, period: previous, from: 2026-01-01}}
          - id: e
            title: Chốt số liệu quý
            owner: vp
            due: {every: quarter, month: 2, day: last-working-day, from: 2026-01-01, through: 2030-12-31}
          - {id: f, title: Họp đầu năm, owner: vp,
             due: {every: year, month: 1, day: first-working-day, from: 2026-01-01}}
          - {id: g, title: Giao ban, owner: vp, due: {every: week, weekday: monday, from: 2026-01-05}, shift: skip,
             remind: [5wd, 0d], overdue: {every: 1wd, times: 3}}
          - {id: h, title: Sinh hoạt, owner: vp, due: {every: half-year, month: 6, weekday: friday, nth: last,
             from: 2026-01-01}, shift: earlier}
          - {id: i, title: Họp tháng, owner: vp, due: {every: month, weekday: tuesday, nth: 5, from: 2026-01-01}}
        """

    static func cacheDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("nhacviec-plan-cache-\(UUID().uuidString)").path
    }

    static func load(_ source: MemoryConfigurationSource, cache: PlanCache?) throws -> Configuration {
        var provider: (@Sendable (MainSettings) -> PlanCache?)?
        if let cache { provider = { _ in cache } }
        return try ConfigurationLoader(source: source, scheduleWarnings: false, planCache: provider).load(mainFile: "/c/nhacviec.yaml")
    }

    static func entries(_ directory: String) -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return Dictionary(uniqueKeysWithValues: names.map { ($0, FileManager.default.contents(atPath: directory + "/" + $0) ?? Data()) })
    }

    @Test("a plan read back from its compiled form equals the plan read from its text, marks and warnings included")
    func roundTrip() throws {
        let source = try Self.source()
        let directory = Self.cacheDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = PlanCache(directory: directory, build: "test")
        let fromText = try Self.load(source, cache: nil)
        let writing = try Self.load(source, cache: cache)
        #expect(Self.entries(directory).count == 2)
        let fromCache = try Self.load(source, cache: cache)
        for configuration in [writing, fromCache] {
            #expect(configuration.plans.map(\.plan) == fromText.plans.map(\.plan))
            #expect(configuration.plans.map(\.dueMarks) == fromText.plans.map(\.dueMarks))
            #expect(configuration.plans.map(\.eventMarks) == fromText.plans.map(\.eventMarks))
            #expect(configuration.plans.map(\.idMark) == fromText.plans.map(\.idMark))
            #expect(configuration.plans.map(\.templatesMark) == fromText.plans.map(\.templatesMark))
            #expect(configuration.warnings == fromText.warnings)
        }
        let compiled = try cache.load(file: "/c/plans.d/full.yaml", key: PlanCache.key(of: try source.bytes("/c/plans.d/full.yaml")))
        #expect(compiled.loaded.plan == fromText.plans.first { $0.plan.id == "full" }?.plan)
    }

    @Test("a petition's task keeps its petition through the binary form, as a plan file's task keeps having none")
    func petitionRoundTrip() throws {
        let petition = Petition(number: 7, content: "Đề nghị sửa đường", raisedBy: "Tổ dân phố 3", department: "vp",
                                due: "conclusion + 15wd")
        let task = PlanTask(id: petition.taskID, title: petition.title, description: petition.taskDescription, owners: ["vp"],
                            due: .relative(event: "conclusion", direction: .after, offset: Offset(15, .workingDays)),
                            petition: petition)
        let plan = Plan(id: "p", title: "Tổ chức Hội nghị", events: ["conclusion": PlanEvent(date: nil, number: "45/TB-UBND")],
                        tasks: [task, Fixtures.task("t", due: .absolute(Fixtures.date("2025-12-19")))], keepsTitleCase: true)
        let loaded = LoadedPlan(plan: plan, file: "/c/p.yaml", dueMarks: [], idMark: SourcePosition(line: 1, column: 1),
                                templatesMark: nil)
        let bytes = CompiledPlan(loaded: loaded, warnings: []).encoded()
        let decoded = try CompiledPlan(decoding: bytes, from: 0, file: "/c/p.yaml")
        #expect(decoded.loaded.plan == plan)
        #expect(decoded.loaded.plan.tasks.map(\.petition) == [petition, nil])
    }

    @Test("an edited file is read from its new text, and its entry is rewritten")
    func editedFile() throws {
        var source = try Self.source()
        let directory = Self.cacheDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = PlanCache(directory: directory, build: "test")
        _ = try Self.load(source, cache: cache)
        let before = Self.entries(directory)
        source.files["/c/plans.d/full.yaml"] = Self.fullPlan.replacingOccurrences(of: "title: Báo cáo", with: "title: Báo cáo quý")
        let edited = try Self.load(source, cache: cache)
        #expect(edited.plans.first { $0.plan.id == "full" }?.plan.task("c")?.title == "Báo cáo quý")
        #expect(Self.entries(directory).filter { before[$0.key] != $0.value }.count == 1)
        #expect(try Self.load(source, cache: cache).plans.map(\.plan) == edited.plans.map(\.plan))
    }

    @Test("a damaged entry, at any byte, is ignored: the text is read and the entry rewritten")
    func damagedEntry() throws {
        let source = try Self.source()
        let directory = Self.cacheDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = PlanCache(directory: directory, build: "test")
        let expected = try Self.load(source, cache: nil).plans.map(\.plan)
        _ = try Self.load(source, cache: cache)
        let good = Self.entries(directory)
        let (name, bytes) = try #require(good.max { $0.value.count < $1.value.count })
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            var damaged = bytes
            damaged[position] ^= 0x5A
            try damaged.write(to: URL(fileURLWithPath: directory + "/" + name))
            #expect(try Self.load(source, cache: cache).plans.map(\.plan) == expected)
            #expect(Self.entries(directory)[name] == bytes)
        }
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: directory + "/" + name))
        #expect(try Self.load(source, cache: cache).plans.map(\.plan) == expected)
    }

    @Test("a read-only cache, the other commands', uses the daemon's entries but never writes, rewrites or prunes one")
    func readOnlyCache() throws {
        var source = try Self.source()
        let directory = Self.cacheDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let readOnly = PlanCache(directory: directory, build: "test", isReadOnly: true)
        _ = try Self.load(source, cache: readOnly)
        #expect(Self.entries(directory).isEmpty, "a command does not fill the daemon's cache")
        // An entry under the key of full.yaml's text that holds another plan shows that the entry, not the text,
        // is what a read-only load reads.
        let writer = PlanCache(directory: directory, build: "test")
        let text = Array(Self.fullPlan.utf8)
        var other = try #require(try Self.load(source, cache: nil).plans.first { $0.plan.id == "full" })
        other.plan.title = "Kế hoạch từ bản đã biên dịch"
        try writer.store(CompiledPlan(loaded: other, warnings: []), file: "/c/plans.d/full.yaml", key: PlanCache.key(of: text))
        let read = try Self.load(source, cache: readOnly)
        #expect(read.plans.first { $0.plan.id == "full" }?.plan.title == "Kế hoạch từ bản đã biên dịch")
        // An edited file is read from its text, and neither its stale entry nor that of a removed file is touched.
        let before = Self.entries(directory)
        source.files["/c/plans.d/full.yaml"] = Self.fullPlan.replacingOccurrences(of: "title: Báo cáo", with: "title: Báo cáo quý")
        source.files["/c/plans.d/ba-don-2025.yaml"] = nil
        let edited = try Self.load(source, cache: readOnly)
        #expect(edited.plans.first { $0.plan.id == "full" }?.plan.task("c")?.title == "Báo cáo quý")
        #expect(Self.entries(directory) == before)
    }

    @Test("another build's entries are not used, and entries of files no longer present are removed")
    func otherBuildAndPrune() throws {
        var source = try Self.source()
        let directory = Self.cacheDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try Self.load(source, cache: PlanCache(directory: directory, build: "old"))
        let old = Self.entries(directory)
        let newer = PlanCache(directory: directory, build: "new")
        _ = try Self.load(source, cache: newer)
        #expect(Self.entries(directory).allSatisfy { old[$0.key] != $0.value })
        source.files["/c/plans.d/full.yaml"] = nil
        _ = try Self.load(source, cache: newer)
        #expect(Self.entries(directory).keys.sorted() == [PlanCache.entryName(for: "/c/plans.d/ba-don-2025.yaml")])
    }

    @Test("the decoder rejects damaged bodies with an error, never a crash, even past the checksum")
    func decoderNeverCrashes() throws {
        let source = try Self.source()
        let plan = try Self.load(source, cache: nil).plans.first { $0.plan.id == "full" }!
        let body = CompiledPlan(loaded: plan, warnings: []).encoded()
        #expect(try CompiledPlan(decoding: body, from: 0, file: "f").loaded.plan == plan.plan)
        var generator = SystemRandomNumberGenerator()
        var rejected = 0
        for _ in 0..<2000 {
            var damaged = body
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if Bool.random(using: &generator) { damaged.removeLast(Int.random(in: 0..<damaged.count, using: &generator)) }
            if (try? CompiledPlan(decoding: damaged, from: 0, file: "f")) == nil { rejected += 1 }
        }
        #expect(rejected > 0)
    }
}

/// The build that a cache entry names.
struct PlanCacheBuildTests {
    @Test("the running binary is named by its GNU build ID, so that a package with a fixed file date is still told apart")
    func buildIDOfThisBinary() throws {
        let build = PlanCache.currentBuild()
        #expect(build.hasPrefix("build-id "), "\(build)")
        let id = try #require(build.split(separator: " ").dropFirst().first)
        #expect(id.count >= 16 && id.allSatisfy(\.isHexDigit))
        #expect(PlanCache.currentBuild() == build)
    }

    @Test("a build ID note is found in ELF bytes, and bytes without one give none")
    func buildIDNote() {
        let note: [UInt8] = [4, 0, 0, 0, 8, 0, 0, 0, 3, 0, 0, 0, 0x47, 0x4E, 0x55, 0, 0xDE, 0xAD, 0xBE, 0xEF, 0, 1, 2, 3]
        #expect(PlanCache.buildID(in: [1, 2, 3] + note + [9, 9]) == "deadbeef00010203")
        #expect(PlanCache.buildID(in: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == nil)
        #expect(PlanCache.buildID(in: Array(note.dropLast(2))) == nil, "a note cut short names nothing")
    }
}
