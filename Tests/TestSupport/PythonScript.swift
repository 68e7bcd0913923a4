import Foundation

/// Runs a Python 3 script: the independent implementation several tests compare against (`email`, `csv`, `hmac`).
public enum PythonScript {
    /// Why a script gave no output to compare with.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the script's standard error.
        public let description: String
    }

    /// The script's standard output; throws when python3 is missing or the script fails.
    public static func output(_ script: String, arguments: [String] = []) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read before waiting: a full pipe would otherwise block the child for ever.
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 127 {
            throw Failure(description: "python3 is not installed: these tests need it as an independent check (\(errors))")
        }
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 failed with status \(process.terminationStatus): \(errors)")
        }
        return output
    }

    /// The script's standard output as text.
    public static func run(_ script: String, arguments: [String] = []) throws -> String {
        String(decoding: try output(script, arguments: arguments), as: UTF8.self)
    }
}
