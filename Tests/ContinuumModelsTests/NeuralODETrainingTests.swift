import ContinuumModels
import ContinuumNeural
import ContinuumNumerics
import ContinuumODE
import Foundation
import Testing

/// Training data: Lotka-Volterra (a = 1.5, b = 1, c = 3, d = 1) from (1, 1), sampled at irregular
/// times with 1 % multiplicative noise, normalised per column.
enum LotkaVolterraSeries {
    static func make(count: Int, span: Double, seed: UInt64) throws -> (data: TrajectoryData, truth: (Double) -> [Double], means: [Double], scales: [Double]) {
        var stream = RandomStream(seed: seed)
        let times = ([0.0] + (1..<(count - 1)).map { _ in stream.nextUniform() * span } + [span]).sorted()
        let field = LotkaVolterra()
        var options = SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12)
        options.denseOutput = true
        let reference = try solve(try ODEProblem(field, y0: [1, 1], from: 0, to: 2 * span), with: .dop853, options: options)
        let clean = times.map { reference.solution(at: $0)! }
        let noisy = clean.map { row in row.map { $0 * (1 + 0.01 * stream.nextNormal()) } }
        let means = (0..<2).map { j in noisy.map { $0[j] }.reduce(0, +) / Double(count) }
        let scales = (0..<2).map { (j: Int) -> Double in
            let squares: [Double] = noisy.map { ($0[j] - means[j]) * ($0[j] - means[j]) }
            return (squares.reduce(0, +) / Double(count)).squareRoot()
        }
        let values = noisy.flatMap { row in (0..<2).map { (row[$0] - means[$0]) / scales[$0] } }
        let truth: (Double) -> [Double] = { t in reference.solution(at: t)! }
        return (TrajectoryData(times: times, values: values, dimension: 2), truth, means, scales)
    }
}

@Suite("Neural ODE training")
struct NeuralODETrainingTests {
    /// A short run (200 Adam iterations, 20 L-BFGS) lowers the whole-series loss by an order of magnitude from the initial model.
    @Test func trainingReducesTheLoss() throws {
        let series = try LotkaVolterraSeries.make(count: 25, span: 4, seed: 11)
        var model = try NeuralODE(dataDimension: 2, hidden: 16, depth: 1, seed: 1)
        var options = NeuralODETrainingOptions()
        options.iterations = 200
        options.batchSize = 4
        options.polishIterations = 20
        options.maximumWindow = 8
        var untrained = model
        let before = try NeuralODETraining.train(&untrained, on: series.data, options: Self.evaluationOnly).finalLoss
        let report = try NeuralODETraining.train(&model, on: series.data, options: options)
        #expect(report.losses.count >= 200)
        #expect(report.skippedWindows == 0)
        #expect(report.finalLoss < before / 10, "loss \(before) → \(report.finalLoss)")
    }

    static var evaluationOnly: NeuralODETrainingOptions {
        var options = NeuralODETrainingOptions()
        options.iterations = 0
        options.polishIterations = 0
        return options
    }

    /// A window whose solve fails is reported and skipped; training carries on and never crashes.
    @Test func failingWindowsAreSkipped() throws {
        let series = try LotkaVolterraSeries.make(count: 12, span: 3, seed: 2)
        var model = try NeuralODE(dataDimension: 2, hidden: 4, depth: 1, seed: 1)
        let initial = model.parameters
        var options = NeuralODETrainingOptions()
        options.iterations = 3
        options.batchSize = 2
        options.polishIterations = 0
        options.maximumSteps = 2
        let report = try NeuralODETraining.train(&model, on: series.data, options: options)
        #expect(report.skippedWindows >= 6)
        #expect(!report.failures.isEmpty)
        #expect(report.stiffFallbacks >= 6)
        #expect(model.parameters == initial)
    }

    /// The bar: trained on a series from a known 2-D ODE (1 % noise, irregular times), the
    /// forecast over half the training span has normalised RMSE (RMSE / range) below 0.1. About
    /// 20 s in release; run with `CONTINUUM_LONG_TESTS=1 swift test -c release --filter forecastOfAKnownSystem`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CONTINUUM_LONG_TESTS"] == "1"))
    func forecastOfAKnownSystem() throws {
        let series = try LotkaVolterraSeries.make(count: 62, span: 10, seed: 1)
        var model = try NeuralODE(dataDimension: 2, hidden: 64, depth: 2, seed: 0)
        _ = try NeuralODETraining.train(&model, on: series.data)
        let last = series.data.count - 1
        let start = model.initialState(series.data.filledRow(0))
        let ahead = (1...20).map { 10 + 0.25 * Double($0) }
        var options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10)
        options.saveAt = [series.data.times[last]] + ahead
        let fitted = try solve(try ODEProblem(model.vectorField, y0: start, from: 0, to: ahead.last!), with: .tsit5, options: options)
        #expect(fitted.status == .success)
        for j in 0..<2 {
            let predicted = (1...20).map { fitted[$0][j] * series.scales[j] + series.means[j] }
            let truth = ahead.map { series.truth($0)[j] }
            let rmse = (zip(predicted, truth).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 20).squareRoot()
            let range = truth.max()! - truth.min()!
            #expect(rmse / range < 0.1, "component \(j): normalised RMSE \(rmse / range)")
        }
    }
}
