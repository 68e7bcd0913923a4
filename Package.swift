// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "nhacviec",
    platforms: [.macOS(.v15)],  // Synchronization.Mutex
    products: [
        .executable(name: "nhacviec", targets: ["nhacviec"]),
        // For the libFuzzer package in fuzz/, which depends on this one by path and can only see products.
        .library(name: "NhacViecCore", targets: ["NhacViecCore"]),
        .library(name: "NhacViecConfig", targets: ["NhacViecConfig"]),
        .library(name: "NhacViecMail", targets: ["NhacViecMail"]),
        .library(name: "NhacViecInbound", targets: ["NhacViecInbound"]),
    ],
    // Every direct dependency is pinned to the version that was tested: Package.resolved cannot be committed
    // (the build machines' package copies have other commit ids than upstream), so a fresh clone resolves these.
    // Package.dependencies lists every resolved package, transitive ones included; scripts/test fails when
    // `swift package show-dependencies` resolves anything else.
    dependencies: [
        // NhacViecConfig reads YAML through CYaml, the libyaml module inside Yams, which Yams does not export as a
        // product. That import was checked with this version only.
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        // Property-based tests of the calendar and planner (Tests/NhacViecCoreTests/*PropertyTests.swift).
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        .target(name: "NhacViecCore"),
        .target(name: "NhacViecOutput", dependencies: ["NhacViecCore"]),
        .target(name: "NhacViecConfig", dependencies: [
            "NhacViecCore", "Yams",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "NhacViecMail", dependencies: [
            "NhacViecCore",
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "NhacViecStore", dependencies: [
            "NhacViecCore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "NhacViecInbound", dependencies: [
            "NhacViecCore",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .target(name: "NhacViecSystemd", dependencies: [
            "CSystemd", "NhacViecCore",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The office's use cases over the ports: marking done, reopening, taking a reply, importing petitions, setting
        // an event, the calendar files; the executable only parses arguments, wires and prints.
        .target(name: "NhacViecOffice", dependencies: [
            "NhacViecCore", "NhacViecConfig", "NhacViecOutput", "NhacViecInbound", "NhacViecMail",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "NhacViecDaemon", dependencies: [
            "NhacViecCore",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "nhacviec", dependencies: [
            "NhacViecCore", "NhacViecConfig", "NhacViecMail", "NhacViecStore", "NhacViecSystemd", "NhacViecDaemon",
            "NhacViecOutput", "NhacViecInbound", "NhacViecOffice",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "nhacviec-bench", dependencies: [
            "NhacViecCore", "NhacViecConfig", "NhacViecMail", "NhacViecStore", "NhacViecDaemon",
            .product(name: "Logging", package: "swift-log"),
        ], path: "benchmarks/Sources/nhacviec-bench"),
        .executableTarget(name: "nhacviec-inbound-bench", dependencies: ["NhacViecInbound"],
                          path: "benchmarks/Sources/nhacviec-inbound-bench"),
        .target(name: "TestSupport", dependencies: [
            "NhacViecCore", "NhacViecConfig", "NhacViecMail", "NhacViecDaemon", .product(name: "Logging", package: "swift-log"),
            .product(name: "InMemoryLogging", package: "swift-log"),
        ], path: "Tests/TestSupport"),
        .testTarget(name: "NhacViecCoreTests", dependencies: [
            "NhacViecCore", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "NhacViecOutputTests", dependencies: ["NhacViecOutput", "NhacViecCore", "TestSupport"]),
        .testTarget(name: "NhacViecDaemonTests", dependencies: [
            "NhacViecDaemon", "NhacViecCore", "TestSupport",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "NhacViecSystemdTests", dependencies: ["NhacViecSystemd", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "NhacViecStoreTests", dependencies: [
            "NhacViecStore", "NhacViecCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "NhacViecConfigTests", dependencies: ["NhacViecConfig", "NhacViecCore", "NhacViecOutput", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NhacViecMailTests", dependencies: ["NhacViecMail", "NhacViecConfig", "NhacViecCore", "TestSupport"]),
        .testTarget(name: "NhacViecOfficeTests", dependencies: [
            "NhacViecOffice", "NhacViecConfig", "NhacViecInbound", "NhacViecMail", "NhacViecCore", "NhacViecOutput",
            "TestSupport", .product(name: "Logging", package: "swift-log"),
            .product(name: "InMemoryLogging", package: "swift-log"),
        ]),
        .testTarget(name: "NhacViecInboundTests", dependencies: ["NhacViecInbound", "NhacViecCore", "TestSupport"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
