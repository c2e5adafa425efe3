import Continuum
import Foundation

/// The figure of `continuum sample`: samples over the data density's contours, with trajectories.
enum DiffusionFigure {
    static func write(_ result: SamplerResult, mixture: GaussianMixture, title: String, to path: String) throws {
        let xs = stride(from: 0, to: result.samples.values.count, by: 2).map { result.samples.values[$0] }
        let ys = stride(from: 1, to: result.samples.values.count, by: 2).map { result.samples.values[$0] }
        let finite = zip(xs, ys).filter { $0.0.isFinite && $0.1.isFinite }
        guard !finite.isEmpty else { return }
        let (lo0, hi0) = (finite.map(\.0).min()!, finite.map(\.0).max()!)
        let (lo1, hi1) = (finite.map(\.1).min()!, finite.map(\.1).max()!)
        // A kernel density of many points is costly to evaluate: a coarser grid for it.
        let side = mixture.componentCount > 50 ? 40 : 80
        let gridX = (0..<side).map { lo0 + (hi0 - lo0) * Double($0) / Double(side - 1) }
        let gridY = (0..<side).map { lo1 + (hi1 - lo1) * Double($0) / Double(side - 1) }
        let density = MixtureScore(mixture: mixture, sde: .variancePreserving)
        var values: [Double] = []
        for y in gridY { for x in gridX { values.append(exp(density.logDensity([x, y], at: 0))) } }
        var plot = LinePlot(title: "continuum sample: \(title)", xLabel: "x", yLabel: "y")
        plot.aspectRatio = 1
        let shown = min(finite.count, 4000)
        plot.addScatter(x: finite.prefix(shown).map(\.0), y: finite.prefix(shown).map(\.1),
                        label: "samples (\(shown) shown)", marker: .circle)
        if let peak = values.max(), peak > 0, hi0 > lo0, hi1 > lo1 {
            let grid = try ContourGrid(x: gridX, y: gridY, values: values)
            plot.addContours(grid, levels: [0.05, 0.2, 0.5, 0.8].map { $0 * peak }, label: "data density")
        }
        for (index, path) in result.trajectories.enumerated() {
            plot.addLine(x: path.map { $0.x[0] }, y: path.map { $0.x[1] }, label: index == 0 ? "trajectories T → 0" : nil,
                         color: Palette.colorBlindSafe[2])
        }
        try plot.write(to: URL(fileURLWithPath: path), width: 700, height: 700)
    }
}
