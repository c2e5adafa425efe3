import Foundation

/// A one-line progress bar on standard error, redrawn in place when standard error is a terminal
/// and printed every tenth of the way otherwise (logs stay short).
struct ProgressBar {
    let total: Int
    let label: String
    let isTerminal = isatty(FileHandle.standardError.fileDescriptor) != 0
    private var lastDecile = -1

    init(total: Int, label: String) {
        self.total = max(total, 1)
        self.label = label
    }

    mutating func update(_ done: Int, _ detail: String) {
        let fraction = min(Double(done) / Double(total), 1)
        let width = 30
        let filled = Int(fraction * Double(width))
        let line = "\(label) [\(String(repeating: "#", count: filled))\(String(repeating: "-", count: width - filled))] \(done)/\(total) \(detail)"
        if isTerminal {
            FileHandle.standardError.write(Data(("\r" + line + (done >= total ? "\n" : "")).utf8))
        } else {
            let decile = Int(fraction * 10)
            if decile != lastDecile {
                lastDecile = decile
                printError(line)
            }
        }
    }
}
