import Continuum
import Foundation

/// `continuum forecast`: continues a model written by `continuum fit` from the end of its
/// training data and prints CSV (time first, then the data's columns).
enum ForecastCommand: Subcommand {
    static let name = "forecast"
    static let summary = "Forecast with a model from `continuum fit`, from the end of its training data, as CSV."
    static let usage = "continuum forecast --model DIR/model.json (--until T | --times t1,t2,...) [--points 50] [--output FILE]"
    static let options = [
        OptionSpec(name: "model", value: "FILE", help: "model.json written by `continuum fit`"),
        OptionSpec(name: "until", value: "T", help: "forecast on an even grid up to time T"),
        OptionSpec(name: "points", value: "N", help: "grid points with --until (default 50)"),
        OptionSpec(name: "times", value: "T,...", help: "forecast at these times (after the end of the training data)"),
        OptionSpec(name: "output", value: "FILE", help: "write the CSV to FILE (atomically) instead of stdout"),
        OptionSpec(name: "help", value: nil, help: "show this help"),
    ]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        guard let path = arguments["model"] else { throw UsageError("missing --model (a model.json from `continuum fit`)") }
        let file = try FittedModelFile.read(from: path)
        let times: [Double]
        switch (try arguments.number("until"), try arguments.numbers("times")) {
        case let (until?, nil):
            guard until > file.endTime else { throw UsageError("--until must be after the end of the training data (\(file.endTime))") }
            let points = try FitRequest.integer(arguments, "points", 50, minimum: 1)
            times = (1...points).map { file.endTime + (until - file.endTime) * Double($0) / Double(points) }
        case let (nil, given?):
            guard !given.isEmpty else { throw UsageError("--times is empty") }
            for (a, b) in zip([file.endTime] + given, given) where b <= a {
                throw UsageError("--times must increase and follow the end of the training data (\(file.endTime)); got \(b) after \(a)")
            }
            times = given
        default:
            throw UsageError("give exactly one of --until and --times")
        }
        let rows = try file.forecast(at: times)
        let text = try TimeSeries.csv(times: times, values: rows.flatMap { $0 }, columnNames: file.columns, timeName: file.timeName)
        if let output = arguments["output"] {
            try AtomicFile.write(text, to: output)
        } else {
            print(text, terminator: "")
        }
        return 0
    }
}
