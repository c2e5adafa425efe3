import Continuum
import Foundation

/// The SVG figures of `continuum stability`: overlaid stability regions, and order stars.
enum StabilityFigures {
    /// Every region `|R(z)| ≤ 1` filled translucently with its boundary line, on equal scales.
    static func writeRegions(_ grids: [(name: String, grid: StabilityGrid)], to path: String) throws {
        guard let first = grids.first?.grid else { return }
        var plot = LinePlot(title: "Stability regions |R(z)| ≤ 1", xLabel: "Re z", yLabel: "Im z")
        configure(&plot, first)
        // Fills add up where regions overlap; thinner ones keep many methods readable.
        let opacity = min(0.12, 0.6 / Double(grids.count))
        for (index, item) in grids.enumerated() {
            plot.addContour(try contourGrid(item.grid), level: 1, label: item.name,
                            color: Palette.colorBlindSafe[index % Palette.colorBlindSafe.count], fillBelow: opacity)
        }
        plot.legendPosition = .outsideRight
        // Equal scales fix the plot area's shape; size the canvas to it (about 640 px of height)
        // plus the margins and the legend, instead of leaving a blank band.
        let xSpan = first.x[first.x.count - 1] - first.x[0], ySpan = first.y[first.y.count - 1] - first.y[0]
        let longestLabel = grids.map(\.name.count).max() ?? 0
        let width = min(1600, max(480, 640 * xSpan / ySpan + 130 + 60 + 7.5 * Double(longestLabel)))
        try plot.write(to: URL(fileURLWithPath: path), width: width, height: 720)
    }

    /// One panel per one-step method: the order star `|R(z) e^{−z}| > 1` shaded, with the
    /// stability boundary `|R(z)| = 1` dashed for orientation.
    static func writeOrderStars(
        _ methods: [any LinearStability], box: (real: ClosedRange<Double>, imaginary: ClosedRange<Double>),
        resolution: Int, to path: String
    ) throws {
        let oneStep = methods.compactMap { $0 as? OneStepStability }
        if oneStep.count < methods.count {
            printError("continuum stability: order stars are drawn for one-step methods only; skipping multistep ones")
        }
        guard !oneStep.isEmpty else { throw UsageError("--order-stars: none of the methods is a one-step method") }
        let size = max(box.imaginary.upperBound, -box.real.lowerBound)
        let real = -size...size, imaginary = box.imaginary
        var figure = Figure(columns: min(3, oneStep.count))
        for method in oneStep {
            var plot = LinePlot(title: "\(method.name): |R(z)e^(−z)| > 1 shaded", xLabel: "Re z", yLabel: "Im z")
            let star = StabilityGrid.orderStar(method, real: real, imaginary: imaginary, columns: resolution, rows: resolution)
            configure(&plot, star)
            let region = StabilityGrid.amplification(method, real: real, imaginary: imaginary, columns: resolution, rows: resolution)
            plot.addContour(try contourGrid(star), level: 1, label: "order star", color: Palette.colorBlindSafe[1], fillAbove: 0.3)
            plot.addContour(try contourGrid(region), level: 1, label: "|R| = 1", color: Palette.colorBlindSafe[0])
            plot.legendPosition = .bottomRight
            figure.add(plot)
        }
        let rows = (oneStep.count + 2) / 3
        try figure.write(to: URL(fileURLWithPath: path), width: Double(min(3, oneStep.count)) * 420, height: Double(rows) * 420)
    }

    /// Limits of the grid's window, equal scales, and the two axes as thin grey lines.
    static func configure(_ plot: inout LinePlot, _ grid: StabilityGrid) {
        let real = grid.x[0]...grid.x[grid.x.count - 1], imaginary = grid.y[0]...grid.y[grid.y.count - 1]
        plot.xAxis.limits = real
        plot.yAxis.limits = imaginary
        plot.aspectRatio = 1
        let grey = Color(red: 0x88, green: 0x88, blue: 0x88)
        plot.add(Series(x: [real.lowerBound, real.upperBound], y: [0, 0], color: grey, lineWidth: 0.8))
        plot.add(Series(x: [0, 0], y: [imaginary.lowerBound, imaginary.upperBound], color: grey, lineWidth: 0.8))
    }

    static func contourGrid(_ grid: StabilityGrid) throws -> ContourGrid {
        try ContourGrid(x: grid.x, y: grid.y, values: grid.values)
    }
}
