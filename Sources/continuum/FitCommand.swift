import Continuum
import Foundation

/// `continuum fit`: fits a neural ODE to a CSV time series (by default the bundled Hudson's Bay
/// lynx and hare pelts, 1900-1920) and writes the model, the fit, a forecast and plots.
enum FitCommand: Subcommand {
    static let name = "fit"
    static let summary = """
        Fit a neural ODE dy/dt = MLP(y) (or a universal differential equation dy/dt = known(y, t) + MLP(y) \
        with --known) to a CSV time series by multiple shooting with an adjoint, then write DIR/model.json, fit.csv, forecast.csv, fit.svg and loss.svg and print the holdout RMSE.
        """
    static let usage = """
        continuum fit [DATA.csv] [--time-column NAME] [--columns a,b] [--hidden 64] [--depth 2] \
        [--augment 0] [--iterations 300] [--holdout 3] [--sensitivity discrete] [--seed 0] \
        [--out fit-output] [--known "f1, f2"] [--regularize-solver [--regularize-solver-weight W] [--regularize-stiffness-weight S]]
        """
    static let positionalCount = 1
    static let options = [
        OptionSpec(name: "time-column", value: "NAME", help: "the time column (default: the first)"),
        OptionSpec(name: "columns", value: "A,B,...", help: "the columns to model (default: all others)"),
        OptionSpec(name: "hidden", value: "N", help: "hidden units per layer (default 64)"),
        OptionSpec(name: "depth", value: "N", help: "hidden layers (default 2)"),
        OptionSpec(name: "augment", value: "N", help: "extra state dimensions starting at zero (default 0)"),
        OptionSpec(name: "iterations", value: "N", help: "Adam iterations (default 300), then an L-BFGS polish"),
        OptionSpec(name: "window", value: "N", help: "longest training window in points (default 16)"),
        OptionSpec(name: "polish", value: "N", help: "L-BFGS iterations on the whole series (default 60)"),
        OptionSpec(name: "holdout", value: "K", help: "keep the last K rows out of training to measure the forecast (default 3)"),
        OptionSpec(name: "sensitivity", value: "METHOD", help: "forward, discrete (default), backsolve, interpolating or quadrature"),
        OptionSpec(
            name: "known", value: "F1,F2,...",
            help: "known part of dy/dt, one expression per column in the data's units, over the column names and the time column"),
        OptionSpec(
            name: "regularize-solver", value: nil,
            help: "penalise the solver's error estimates while training (Pal et al. 2021) so the model is cheaper to solve"),
        OptionSpec(
            name: "regularize-solver-weight", value: "W",
            help: "weight of the error-estimate penalty per window (default \(FitRequest.defaultSolverWeight))"),
        OptionSpec(
            name: "regularize-stiffness-weight", value: "S",
            help: "weight of a penalty on Hairer's stiffness estimate per window (default 0)"),
        OptionSpec(name: "seed", value: "S", help: "seed of the initial weights and the window sampler (default 0)"),
        OptionSpec(name: "out", value: "DIR", help: "output directory (default fit-output)"),
        OptionSpec(name: "help", value: nil, help: "show this help"),
    ]

    /// The bundled series, found next to the sources this tool was built from.
    static let bundledData = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Data/lynx_hare.csv").standardized

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        let request = try FitRequest(arguments)
        let series: TimeSeries
        do {
            series = try TimeSeries(contentsOf: request.dataURL, timeColumn: request.timeColumn, columns: request.columns)
        } catch {
            throw UsageError("\(request.dataURL.path): \(error)")
        }
        let (training, holdout): (TimeSeries, TimeSeries)
        do {
            (training, holdout) = try series.split(holdout: request.holdout)
        } catch {
            throw UsageError("--holdout: \(error)")
        }
        let normalization = TimeSeriesNormalization(fitting: training)
        let normalized = normalization.normalize(training)
        let data = TrajectoryData(
            times: normalized.times, values: normalized.values, dimension: normalized.dimension, observed: normalized.observed)
        var model = try NeuralODE(
            dataDimension: series.dimension, augmentedDimension: request.augment, hidden: request.hidden,
            depth: request.depth, seed: request.seed)
        var bar = ProgressBar(total: request.training.iterations, label: "fit")
        var polishBar = ProgressBar(total: request.training.polishIterations, label: "polish")
        let update: (TrainingProgress) -> Void = { progress in
            let detail = "loss \(String(format: "%.4g", progress.loss)) window \(progress.window)"
            if progress.polishing { polishBar.update(progress.iteration, detail) } else { bar.update(progress.iteration, detail) }
        }
        let known = try request.known.map { text throws(UsageError) in
            try FittedModelFile.knownField(text, columns: series.columnNames, timeName: series.timeName, normalization: normalization)
        }
        let start = Date()
        let report = if let known {
            try NeuralODETraining.train(&model, knownPart: known, on: data, options: request.training, progress: update)
        } else {
            try NeuralODETraining.train(&model, on: data, options: request.training, progress: update)
        }
        let seconds = Date().timeIntervalSince(start)
        let outcome = try FitOutputs.write(
            model: model, series: series, training: training, holdout: holdout, normalization: normalization,
            report: report, known: request.known, regularization: request.training.solverRegularization,
            directory: request.outputDirectory)
        print(String(format: "trained in %.1f s: whole-series loss %.4g (normalised MSE), %d windows skipped, %d stiff fallbacks",
                     seconds, report.finalLoss, report.skippedWindows, report.stiffFallbacks))
        for failure in report.failures { printError("  skipped \(failure)") }
        print(outcome.summary)
        print("wrote \(request.outputDirectory)/model.json, fit.csv, forecast.csv, fit.svg, loss.svg")
        return 0
    }
}

/// The validated options of `continuum fit`.
struct FitRequest {
    var dataURL = FitCommand.bundledData
    var timeColumn: String?
    var columns: [String]?
    var hidden = 64
    var depth = 2
    var augment = 0
    var holdout = 3
    var seed: UInt64 = 0
    var outputDirectory = "fit-output"
    var training = NeuralODETrainingOptions()
    /// The known part of a universal differential equation (`--known`), as given.
    var known: String?
    /// `--regularize-solver`'s error-estimate weight when `--regularize-solver-weight` is not given.
    static let defaultSolverWeight = 0.1

    init(_ arguments: ParsedArguments) throws(UsageError) {
        if let path = arguments.positional.first { dataURL = URL(fileURLWithPath: path) }
        timeColumn = arguments["time-column"]
        columns = try arguments.names("columns")
        hidden = try Self.integer(arguments, "hidden", hidden, minimum: 1)
        depth = try Self.integer(arguments, "depth", depth, minimum: 1)
        augment = try Self.integer(arguments, "augment", augment, minimum: 0)
        holdout = try Self.integer(arguments, "holdout", holdout, minimum: 0)
        training.iterations = try Self.integer(arguments, "iterations", training.iterations, minimum: 0)
        training.polishIterations = try Self.integer(arguments, "polish", training.polishIterations, minimum: 0)
        if arguments["window"] != nil { training.maximumWindow = try Self.integer(arguments, "window", 2, minimum: 2) }
        seed = UInt64(try Self.integer(arguments, "seed", 0, minimum: 0))
        training.seed = seed
        outputDirectory = arguments["out"] ?? outputDirectory
        if arguments["sensitivity"] != nil {
            training.sensitivity = try GradientCommand.sensitivity(arguments)
        }
        known = arguments["known"]
        if arguments.has("regularize-solver") {
            let error = try arguments.number("regularize-solver-weight") ?? Self.defaultSolverWeight
            let stiffness = try arguments.number("regularize-stiffness-weight") ?? 0
            guard error >= 0, stiffness >= 0, error + stiffness > 0 else {
                throw UsageError("--regularize-solver-weight and --regularize-stiffness-weight must be ≥ 0, not both 0")
            }
            training.solverRegularization = SolverRegularization(errorWeight: error, stiffnessWeight: stiffness)
            guard case .discrete = training.sensitivity else {
                throw UsageError("--regularize-solver differentiates the solver's own estimates: use --sensitivity discrete")
            }
        } else if arguments["regularize-solver-weight"] != nil || arguments["regularize-stiffness-weight"] != nil {
            throw UsageError("--regularize-solver-weight and --regularize-stiffness-weight need --regularize-solver")
        }
    }

    static func integer(_ arguments: ParsedArguments, _ name: String, _ fallback: Int, minimum: Int) throws(UsageError) -> Int {
        guard let text = arguments[name] else { return fallback }
        guard let value = Int(text), value >= minimum else { throw UsageError("--\(name): '\(text)' is not an integer ≥ \(minimum)") }
        return value
    }
}
