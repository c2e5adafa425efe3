import Continuum
import Foundation

/// The figures of `continuum resnet`.
enum ResNetFigures {
    /// The two class regions of a trained classifier (filled where the logit difference has
    /// each sign, boundary where it is zero) with the test points on top.
    static func decisionBoundary(
        _ net: ResNet, parameters: [Double], test: TwoSpirals, title: String, to path: String
    ) throws(UsageError) {
        let n = 121
        let axis = (0..<n).map { -1.4 + 2.8 * Double($0) / Double(n - 1) }
        var points: [Double] = []
        points.reserveCapacity(2 * n * n)
        for y in axis { for x in axis { points += [x, y] } }
        let logits = ResNetClassifier.logits(net, parameters: parameters, inputs: points)
        let margin = (0..<(n * n)).map { logits[2 * $0 + 1] - logits[2 * $0] }
        var plot = LinePlot(title: title, xLabel: "x₁", yLabel: "x₂")
        plot.aspectRatio = 1
        plot.xAxis.limits = -1.4...1.4
        plot.yAxis.limits = -1.4...1.4
        let colors = [Palette.colorBlindSafe[0], Palette.colorBlindSafe[1]]
        do {
            let grid = try ContourGrid(x: axis, y: axis, values: margin)
            plot.addContour(grid, level: 0, color: colors[0], fillBelow: 0.2)
            plot.addContour(grid, level: 0, label: "decision boundary", color: colors[1], fillAbove: 0.2)
            for label in 0..<2 {
                let rows = test.labels.indices.filter { test.labels[$0] == label }
                plot.addScatter(
                    x: rows.map { test.inputs[2 * $0] }, y: rows.map { test.inputs[2 * $0 + 1] }, label: "class \(label)",
                    marker: label == 0 ? .circle : .square, color: colors[label])
            }
            try plot.write(to: URL(fileURLWithPath: path), width: 640, height: 640)
        } catch {
            throw UsageError("cannot write \(path): \(error)")
        }
    }

    /// A log-log plot of `series` (label, x, y) with `title`.
    static func logLog(
        _ series: [(String, [Double], [Double])], title: String, xLabel: String, yLabel: String, to path: String
    ) throws(UsageError) {
        var plot = LinePlot(title: title, xLabel: xLabel, yLabel: yLabel)
        plot.xScale = .logarithmic
        plot.yScale = .logarithmic
        let markers: [MarkerShape] = [.circle, .square, .triangle, .diamond]
        for (k, (label, x, y)) in series.enumerated() {
            let keep = y.indices.filter { y[$0] > 0 && y[$0].isFinite }
            guard !keep.isEmpty else { continue }
            plot.addLine(x: keep.map { x[$0] }, y: keep.map { y[$0] }, label: label, marker: markers[k % markers.count])
        }
        do {
            try plot.write(to: URL(fileURLWithPath: path))
        } catch {
            throw UsageError("cannot write \(path): \(error)")
        }
    }
}
