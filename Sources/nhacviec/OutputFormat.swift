import ArgumentParser

/// `table` or `json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}
