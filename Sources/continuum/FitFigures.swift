import Continuum
import Foundation

/// The figures of `continuum fit`: data, fitted trajectory and forecast; and the loss history.
enum FitFigures {
    static func writeFit(
        series: TimeSeries, training: TimeSeries, holdout: TimeSeries, curve: ([Double], [[Double]]),
        forecast: ([Double], [[Double]]), to path: String
    ) throws {
        var plot = LinePlot(title: "Neural ODE fit of \(series.columnNames.joined(separator: ", "))", xLabel: series.timeName, yLabel: "value")
        let colors = Palette.colorBlindSafe
        for (j, name) in series.columnNames.enumerated() {
            let color = colors[j % colors.count]
            let observed = (0..<training.count).compactMap { i in training.value(row: i, column: j).map { (training.times[i], $0) } }
            plot.addScatter(x: observed.map(\.0), y: observed.map(\.1), label: "\(name) data", marker: .circle, color: color)
            let held = (0..<holdout.count).compactMap { i in holdout.value(row: i, column: j).map { (holdout.times[i], $0) } }
            if !held.isEmpty {
                plot.addScatter(x: held.map(\.0), y: held.map(\.1), label: "\(name) holdout", marker: .diamond, color: color)
            }
            plot.addLine(x: curve.0, y: curve.1.map { $0[j] }, label: "\(name) fit", color: color)
            plot.add(Series(x: forecast.0, y: forecast.1.map { $0[j] }, label: "\(name) forecast", style: .lineAndMarkers(.triangle), color: color, lineWidth: 1))
        }
        try plot.write(to: URL(fileURLWithPath: path), width: 900, height: 520)
    }

    static func writeLoss(_ losses: [Double], to path: String) throws {
        var plot = LinePlot(title: "Training loss (Adam minibatches, then L-BFGS on the whole series)", xLabel: "iteration", yLabel: "normalised MSE")
        plot.yScale = .logarithmic
        let points = losses.enumerated().filter { $0.element > 0 && $0.element.isFinite }
        guard !points.isEmpty else { return }
        plot.addLine(x: points.map { Double($0.offset + 1) }, y: points.map(\.element), label: "loss")
        try plot.write(to: URL(fileURLWithPath: path))
    }
}
