import Foundation
import Testing

/// Runs a Python 3 script, the independent implementation several tests compare against.
enum PythonRunner {
    /// The script's standard output; fails the test when python3 is missing or the script fails.
    static func run(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read before waiting: a full pipe would otherwise block the child for ever.
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus != 127, "python3 is not installed: \(errors)")
        try #require(process.terminationStatus == 0, "python3 failed with status \(process.terminationStatus): \(errors)")
        return String(decoding: output, as: UTF8.self)
    }
}
