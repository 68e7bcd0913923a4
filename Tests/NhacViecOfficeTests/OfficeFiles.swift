import Foundation
import NhacViecConfig
import NhacViecCore

/// A main file and one plan file in a temporary directory: for the use cases that read and replace files.
final class OfficeFiles {
    static let mainText = """
        mail:
          from: "Nhắc việc <nv@example.gov.vn>"
          sendmail: /bin/true
        plans: plans.d

        """
    static let planText = """
        # Kế hoạch thử: comments and layout must survive an edit.
        plan:
          id: ba-don
          title: Hội nghị đối thoại
          admin: vp@example.gov.vn
        events:
          conference: 2025-12-19   # thứ Sáu
          conclusion: tbd          # chờ Chủ tịch ký
        departments:
          van-phong: {name: Văn phòng, email: vp@example.gov.vn}
          kinh-te: {name: Phòng Kinh tế, email: kt@example.gov.vn}
          lanh-dao: {name: Chủ tịch, email: ct@example.gov.vn}
        tasks:
          - id: giay-moi
            title: Gửi giấy mời
            owner: van-phong
            due: conference - 7d
          - id: tra-loi
            title: Trả lời bằng văn bản
            owner: van-phong
            due: conclusion + 15wd

        """

    /// A plan file that cannot pass check (no titles, no due, an unknown owner).
    static let brokenPlanText = "plan: {id: hong, title: Hỏng}\ntasks:\n  - {id: x, owner: vp}\n"

    let temporary: TemporaryDirectory

    init() throws {
        temporary = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: temporary.path + "/plans.d", withIntermediateDirectories: false)
        try temporary.write("nhacviec.yaml", Self.mainText)
        try temporary.write("plans.d/ba-don.yaml", Self.planText)
    }

    var main: String { temporary.path + "/nhacviec.yaml" }
    var plan: String { temporary.path + "/plans.d/ba-don.yaml" }
    var petitions: String { temporary.path + "/plans.d/ba-don.kien-nghi.yaml" }

    /// The names in `plans.d`, hidden ones included: a temporary file left behind would show here.
    var planFiles: [String] { temporary.names(in: "plans.d") }

    /// The configuration as it is on disk, checked as `nhacviec check` does (without the schedule's warnings).
    func load(source: any ConfigurationSource = DiskConfigurationSource()) throws -> Configuration {
        try ConfigurationLoader(source: source, scheduleWarnings: false).load(mainFile: main)
    }
}
