import Continuum
import Foundation

/// Everything `continuum fit` writes after training, and the figures it prints.
enum FitOutputs {
    struct Outcome {
        let summary: String
    }

    static func write(
        model: NeuralODE, series: TimeSeries, training: TimeSeries, holdout: TimeSeries,
        normalization: TimeSeriesNormalization, report: TrainingReport, known: String?, regularization: SolverRegularization,
        directory: String
    ) throws -> Outcome {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let d = series.dimension
        let tau = training.times.map { normalization.normalize(time: $0) }
        let start = model.initialState(
            TrajectoryData(times: tau, values: normalization.normalize(states: training.values), dimension: d, observed: training.observed)
                .filledRow(0))
        // The fitted trajectory at the training times and on a fine grid, from the first row.
        let span = training.times[training.times.count - 1] - training.times[0]
        let grid = (0...300).map { training.times[0] + span * Double($0) / 300 }
        let endTime = training.times[training.times.count - 1]
        var file = FittedModelFile(
            timeName: series.timeName, columns: series.columnNames, means: normalization.means, scales: normalization.scales,
            timeOrigin: normalization.timeOrigin, timeScale: normalization.timeScale, model: model, endTime: endTime,
            endState: [], known: known, solverRegularization: regularization.isActive ? regularization : nil,
            functionEvaluations: report.finalFunctionEvaluations)
        let fitted = try trajectory(file, from: start, at: tau)
        let curve = try trajectory(file, from: start, at: grid.map { normalization.normalize(time: $0) })
        file.endState = fitted.endState
        // The forecast from the model's state at the end of training.
        let horizon = max((holdout.times.last ?? endTime) - endTime, 0.5 * span)
        let ahead = Array(Set((1...100).map { endTime + horizon * Double($0) / 100 } + holdout.times)).sorted()
        let forecast = try file.forecast(at: ahead)
        try file.write(to: "\(directory)/model.json")
        try TimeSeries.write(
            times: training.times, values: fitted.rows.flatMap { $0 }, columnNames: series.columnNames,
            timeName: series.timeName, to: "\(directory)/fit.csv")
        try TimeSeries.write(
            times: ahead, values: forecast.flatMap { $0 }, columnNames: series.columnNames, timeName: series.timeName,
            to: "\(directory)/forecast.csv")
        try FitFigures.writeFit(
            series: series, training: training, holdout: holdout, curve: (grid, curve.rows), forecast: (ahead, forecast),
            to: "\(directory)/fit.svg")
        try FitFigures.writeLoss(report.losses, to: "\(directory)/loss.svg")

        var lines: [String] = []
        let fitError = normalisedRMSE(fitted.rows, against: training)
        lines.append("fit: normalised RMSE \(format(fitError.mean)) (RMSE / range per column: "
                     + zip(series.columnNames, fitError.perColumn).map { "\($0) \(format($1))" }.joined(separator: ", ") + ")")
        if holdout.count > 0 {
            let rows = holdout.times.map { t in forecast[ahead.firstIndex(of: t)!] }
            let rmse = (0..<d).map { j -> Double in
                let pairs = (0..<holdout.count).compactMap { i in holdout.value(row: i, column: j).map { ($0, rows[i][j]) } }
                return (pairs.map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(max(pairs.count, 1))).squareRoot()
            }
            lines.append("holdout RMSE (\(holdout.count) rows): "
                         + zip(series.columnNames, rmse).map { "\($0) \(format($1))" }.joined(separator: ", "))
        }
        let penalty = regularization.isActive
            ? " (trained with solver regularisation: error weight \(format(regularization.errorWeight)), stiffness weight \(format(regularization.stiffnessWeight)))"
            : ""
        lines.append("function evaluations of the trained model over the training span: \(report.finalFunctionEvaluations)"
                     + " (Tsit5 at the training tolerances)" + penalty)
        return Outcome(summary: lines.joined(separator: "\n"))
    }

    /// The model's data columns at normalised times `tau` (the first is the start), denormalised,
    /// and its full state at the last time.
    static func trajectory(_ file: FittedModelFile, from start: [Double], at tau: [Double]) throws -> (rows: [[Double]], endState: [Double]) {
        let solution = try file.solve(from: start, at: tau, context: "the fitted model could not be solved")
        let d = file.model.dataDimension
        return (solution.states.map { file.normalization.denormalize(states: Array($0.prefix(d))) }, solution.finalState!)
    }

    /// RMSE over observed values divided by the observed range, per column, and their mean.
    static func normalisedRMSE(_ rows: [[Double]], against series: TimeSeries) -> (mean: Double, perColumn: [Double]) {
        let perColumn = (0..<series.dimension).map { j -> Double in
            let observed = (0..<series.count).compactMap { i in series.value(row: i, column: j).map { (i, $0) } }
            let values = observed.map(\.1)
            let range = (values.max() ?? 0) - (values.min() ?? 0)
            let mse = observed.map { (rows[$0.0][j] - $0.1) * (rows[$0.0][j] - $0.1) }.reduce(0, +) / Double(max(observed.count, 1))
            return mse.squareRoot() / (range > 0 ? range : 1)
        }
        return (perColumn.reduce(0, +) / Double(max(perColumn.count, 1)), perColumn)
    }

    static func format(_ x: Double) -> String { String(format: "%.4g", x) }
}
