import Continuum
import Foundation

/// `continuum-bench reversible-memory --steps N [--adjoint reversible|stored] [--method yoshida4]
/// [--dt 0.01]`: peak memory and time of one splitting-adjoint gradient on the pendulum
/// `H = p²/(2m) − mω² cos q` (θ = (ω², m) = (1.3, 0.8), q₀ = 1.2, p₀ = 0.3) over `N` steps of
/// size `dt`, loss `Σ |y(t)|²` at a quarter, half and the whole span. Run each configuration in
/// its own process: the peak resident set only grows.
enum ReversibleBenchmark {
    static func run(_ arguments: [String]) throws -> String {
        let options = try benchmarkOptions(
            arguments, mode: "reversible-memory",
            defaults: ["steps": "1000", "adjoint": "reversible", "method": "yoshida4", "dt": "0.01"])
        guard let steps = Int(options["steps"]!), steps >= 4, steps % 4 == 0, let dt = Double(options["dt"]!), dt > 0
        else { throw BenchmarkError.usage("--steps needs a positive multiple of 4 and --dt a positive step") }
        guard let method = SplittingMethod.named(options["method"]!) else {
            throw BenchmarkError.usage("unknown splitting method \(options["method"]!)")
        }
        let adjoint: SplittingAdjoint
        switch options["adjoint"]! {
        case "reversible": adjoint = .reversible
        case "stored": adjoint = .storingAll
        default: throw BenchmarkError.usage("--adjoint reversible|stored")
        }
        let span = Double(steps) * dt
        let problem = try PartitionedProblem(
            Pendulum(frequencySquared: 1.3, mass: 0.8), q0: [1.2], p0: [0.3], from: 0, to: span)
        let times = [span / 4, span / 2, span]
        let before = GradientBenchmark.peakResidentKilobytes()
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try gradient(
            of: SumOfSquaresLoss(), at: times, for: problem, with: method, stepSize: dt, adjoint: adjoint)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        let after = GradientBenchmark.peakResidentKilobytes()
        return JSONText.object([
            ("adjoint", JSONText.string(options["adjoint"]!)), ("method", JSONText.string(method.name)),
            ("steps", String(result.statistics.backward.acceptedSteps)),
            ("stored_states", String(result.statistics.storedStates)),
            ("peak_rss_growth_kb", String(after - before)), ("seconds", JSONText.number(seconds)),
            ("loss", JSONText.number(result.loss)),
            ("gradient", JSONText.array(result.parameterGradient + result.initialStateGradient)),
        ])
    }
}
