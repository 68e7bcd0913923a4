// swift-tools-version:6.0
// libFuzzer targets for nhacviec, built only by fuzz/run (never by the root package's `swift build`):
//   swift build --package-path fuzz --scratch-path .build-fuzz \
//     -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address
// Each target's main.swift hands the command line to libFuzzer's LLVMFuzzerRunDriver (declared in CLibFuzzer):
// SwiftPM renames an executable's main and aliases `main` to it, so libFuzzer's own main cannot be linked in.
import PackageDescription

let package = Package(
    name: "nhacviec-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "nhacviec", path: ".."),
    ],
    targets: [
        .target(name: "CLibFuzzer"),
        .executableTarget(name: "FuzzPlanLoader", dependencies: [
            "CLibFuzzer",
            .product(name: "NhacViecConfig", package: "nhacviec"),
            .product(name: "NhacViecCore", package: "nhacviec"),
            .product(name: "NhacViecMail", package: "nhacviec"),
        ]),
        .executableTarget(name: "FuzzDueRule", dependencies: [
            "CLibFuzzer",
            .product(name: "NhacViecConfig", package: "nhacviec"),
            .product(name: "NhacViecCore", package: "nhacviec"),
        ]),
        .executableTarget(name: "FuzzMustache", dependencies: [
            "CLibFuzzer",
            .product(name: "NhacViecCore", package: "nhacviec"),
            .product(name: "NhacViecMail", package: "nhacviec"),
        ]),
        .executableTarget(name: "FuzzInboundReading", dependencies: [
            "CLibFuzzer",
            .product(name: "NhacViecCore", package: "nhacviec"),
            .product(name: "NhacViecInbound", package: "nhacviec"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
