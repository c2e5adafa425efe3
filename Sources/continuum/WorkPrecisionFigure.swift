import Continuum
import Foundation

/// The SVG of `continuum work-precision`: error against wall time and against function
/// evaluations, both log-log, one line with markers per method (failed solves left out).
enum WorkPrecisionFigure {
    static func write(_ points: [WorkPrecisionPoint], problem: String, to path: String) throws {
        var methods: [String] = []
        for point in points where !methods.contains(point.method) { methods.append(point.method) }
        var time = LinePlot(title: "\(problem): work-precision (time)", xLabel: "error", yLabel: "median time (s)")
        var work = LinePlot(title: "\(problem): work-precision (evaluations)", xLabel: "error", yLabel: "f evaluations")
        for plot in [\LinePlot.xAxis, \LinePlot.yAxis] {
            time[keyPath: plot].scale = .logarithmic
            work[keyPath: plot].scale = .logarithmic
        }
        let markers = MarkerShape.allCases
        for (index, method) in methods.enumerated() {
            let row = points.filter { $0.method == method && $0.error.isFinite && $0.error > 0 && $0.status.isSuccess }
            guard !row.isEmpty else { continue }
            let marker = markers[index % markers.count]
            time.addLine(x: row.map(\.error), y: row.map(\.medianSeconds), label: method, marker: marker)
            work.addLine(x: row.map(\.error), y: row.map { Double($0.functionEvaluations) }, label: method, marker: marker)
        }
        guard !time.series.isEmpty else { throw UsageError("--svg: no method produced a successful solve to plot") }
        time.legendPosition = .outsideRight
        work.legendPosition = .outsideRight
        try Figure(plots: [time, work], columns: 2).write(to: URL(fileURLWithPath: path), width: 1400, height: 560)
    }
}
