import Continuum
import Foundation

/// Plots every state variable of a solution against time as an SVG file (written atomically).
enum SolutionPlot {
    /// Number of points per curve when the solution has a continuous extension to sample.
    static let samples = 1000

    static func write(_ solution: Solution, variables: [String], to path: String) throws {
        let (times, states) = curve(solution)
        var plot = LinePlot(title: "\(variables.joined(separator: ", ")) (\(solution.methodName))", xLabel: "t", yLabel: "state")
        for (index, name) in variables.enumerated() {
            plot.addLine(x: times, y: states.map { $0[index] }, label: name)
        }
        do {
            try plot.write(to: URL(fileURLWithPath: path))
        } catch {
            throw UsageError("--plot: \(error)")
        }
    }

    /// The points to draw: the dense output sampled finely when there is one, else the saved points.
    static func curve(_ solution: Solution) -> ([Double], [[Double]]) {
        guard solution.hasDenseOutput, let first = solution.times.first, let last = solution.finalTime else {
            return (solution.times, solution.states)
        }
        let times = (0...samples).map { first + (last - first) * Double($0) / Double(samples) }
        return (times, times.map { solution.solution(at: $0)! })
    }
}
