import Foundation

/// One subcommand of `continuum`: its name, help and options, and what it does. `run` returns the
/// exit status; usage errors are thrown and reported as one line with status 2.
protocol Subcommand {
    static var name: String { get }
    static var summary: String { get }
    static var usage: String { get }
    static var options: [OptionSpec] { get }
    /// How many positional arguments the command takes (default none).
    static var positionalCount: Int { get }
    static func run(_ arguments: ParsedArguments) throws -> Int32
}

extension Subcommand {
    static var positionalCount: Int { 0 }
}

extension Subcommand {
    /// `--help` text generated from the options.
    static var help: String {
        var lines = ["usage: \(usage)", "", summary, "", "options:"]
        let width = options.map { $0.name.count + ($0.value.map { $0.count + 1 } ?? 0) }.max() ?? 0
        for option in options {
            let left = "--\(option.name)" + (option.value.map { " \($0)" } ?? "")
            lines.append("  " + left.padding(toLength: width + 4, withPad: " ", startingAt: 0) + option.help)
        }
        return lines.joined(separator: "\n")
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
