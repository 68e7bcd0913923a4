import ArgumentParser
import Foundation
import NhacViecCore
import NhacViecOffice

/// Writing to the terminal.
enum Output {
    static func diagnostics(_ list: [Diagnostic]) {
        for diagnostic in list { error(diagnostic.description) }
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Runs a use case whose refusals of the request are usage errors; any other failure is left to ArgumentParser,
    /// which prints `Error: DESCRIPTION` and exits 1.
    static func request<T>(_ step: () throws -> T) throws -> T {
        do { return try step() } catch let error as OfficeError where error.code == .invalidRequest {
            throw ValidationError(error.description)
        }
    }

    /// Runs a use case that edits files: a refused request is a usage error; any other failure prints its
    /// diagnostics and `nhacviec: DESCRIPTION`, and exits 1.
    static func edit<T>(_ step: () throws -> T) throws -> T {
        do { return try request(step) } catch let error as OfficeError {
            diagnostics(error.diagnostics)
            self.error("nhacviec: \(error.description)")
            throw ExitCode(1)
        }
    }
}
