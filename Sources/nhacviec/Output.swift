import Foundation
import NhacViecCore

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
}
