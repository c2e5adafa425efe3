import Continuum
import Foundation

/// `continuum-bench gradient`: the Lotka-Volterra loss gradient of the reference
/// (`L = Σ_{t=1..10} |y(t)|²`, θ = (a, b, c, d), y₀ = (1, 1)) by one sensitivity method, timed
/// against the forward solve alone; and `continuum-bench gradient-memory`: peak memory of the
/// discrete adjoint against the number of steps.
///
///     continuum-bench gradient --sensitivity interpolating [--method tsit5] [--rtol 1e-8] [--atol 1e-8]
///                              [--repeat 200] [--checkpoints K]
///     continuum-bench gradient-memory --steps N [--checkpoints K]
enum GradientBenchmark {
    static let times = (1...10).map(Double.init)

    static func run(_ arguments: [String]) throws -> String {
        let options = try benchmarkOptions(arguments, mode: "gradient")
        let checkpoints = options["checkpoints"].flatMap(Int.init)
        let name = options["sensitivity"] ?? "interpolating"
        let sensitivity: SensitivityMethod
        switch name {
        case "forward": sensitivity = .forward
        case "discrete": sensitivity = .discrete(checkpointing: checkpoints.map { .binomial(checkpoints: $0) } ?? .all)
        case "backsolve": sensitivity = .backsolve()
        case "interpolating": sensitivity = .interpolating()
        case "quadrature": sensitivity = .quadrature
        default: throw BenchmarkError.usage("unknown sensitivity \(name)")
        }
        let methodName = options["method"] ?? "tsit5"
        guard let tableau = ButcherTableau.named(methodName) else { throw BenchmarkError.usage("unknown method \(methodName)") }
        let method = ExplicitRungeKutta(tableau)
        let solverOptions = SolverOptions(
            relativeTolerance: Double(options["rtol"] ?? "1e-8") ?? 1e-8,
            absoluteTolerance: Double(options["atol"] ?? "1e-8") ?? 1e-8)
        let repeats = Int(options["repeat"] ?? "200") ?? 200
        switch options["field"] ?? "manual" {
        case "manual":
            return try measure(LotkaVolterra(), name, sensitivity, method, methodName, solverOptions, repeats)
        case "autodiff":
            let field = AutoDiffVectorField(dimension: 2, parameters: [1.5, 1, 3, 1]) { _, y, p in
                [p[0] * y[0] - p[1] * y[0] * y[1], -p[2] * y[1] + p[3] * y[0] * y[1]]
            }
            return try measure(field, name, sensitivity, method, methodName, solverOptions, repeats)
        case "text":
            let field = try ExpressionVectorField(
                rhs: "a*x-b*x*y, -c*y+d*x*y", variables: ["x", "y"], parameterNames: ["a", "b", "c", "d"],
                parameterValues: [1.5, 1, 3, 1])
            return try measure(field, name, sensitivity, method, methodName, solverOptions, repeats)
        case let other:
            throw BenchmarkError.usage("unknown field \(other) (manual, autodiff, text)")
        }
    }

    /// Times the gradient and the forward solve alone with `field`.
    static func measure<F: DifferentiableVectorField>(
        _ field: F, _ name: String, _ sensitivity: SensitivityMethod, _ method: ExplicitRungeKutta, _ methodName: String,
        _ solverOptions: SolverOptions, _ repeats: Int
    ) throws -> String {
        let problem = try ODEProblem(field, y0: [1, 1], from: 0, to: 10)

        var forwardOptions = solverOptions
        forwardOptions.saveAt = times
        var forward = try solve(problem, with: method, options: forwardOptions)
        let forwardSeconds = median(repeats) { forward = try! solve(problem, with: method, options: forwardOptions) }
        var result = try gradient(
            of: SumOfSquaresLoss(), at: times, for: problem, with: method, options: solverOptions, sensitivity: sensitivity)
        let gradientSeconds = median(repeats) {
            result = try! gradient(
                of: SumOfSquaresLoss(), at: times, for: problem, with: method, options: solverOptions,
                sensitivity: sensitivity)
        }
        let s = result.statistics
        return JSONText.object([
            ("sensitivity", JSONText.string(name)), ("method", JSONText.string(methodName)),
            ("median_s", JSONText.number(gradientSeconds)), ("forward_median_s", JSONText.number(forwardSeconds)),
            ("gradient_over_forward", JSONText.number(gradientSeconds / forwardSeconds)),
            ("loss", JSONText.number(result.loss)), ("gradient", JSONText.array(result.parameterGradient)),
            ("gradient_y0", JSONText.array(result.initialStateGradient)),
            ("forward_steps", String(forward.statistics.acceptedSteps)),
            ("nfe_forward", String(s.forward.functionEvaluations)), ("nfe_backward", String(s.backward.functionEvaluations)),
            ("vjps", String(s.vectorJacobianProducts)), ("stored_states", String(s.storedStates)),
        ])
    }

    /// Peak resident memory of one discrete-adjoint gradient over `steps` fixed RK4 steps
    /// (Lotka-Volterra on [0, 10], loss at t = 10), with all states stored or `K` checkpoints.
    static func memory(_ arguments: [String]) throws -> String {
        var steps = 1000
        var checkpoints: Int?
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst(), let n = Int(value), n > 0 else { throw BenchmarkError.usage("\(flag) needs a positive integer") }
            switch flag {
            case "--steps": steps = n
            case "--checkpoints": checkpoints = n
            default: throw BenchmarkError.usage("unknown option \(flag)")
            }
        }
        let problem = try ODEProblem(LotkaVolterra(), y0: [1, 1], from: 0, to: 10)
        var options = SolverOptions.fixedStep(10 / Double(steps))
        options.maximumSteps = steps + 10
        let before = peakResidentKilobytes()
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try gradient(
            of: SumOfSquaresLoss(), at: [10], for: problem, with: .rk4, options: options,
            sensitivity: .discrete(checkpointing: checkpoints.map { .binomial(checkpoints: $0) } ?? .all))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        let after = peakResidentKilobytes()
        return JSONText.object([
            ("steps", String(result.statistics.backward.acceptedSteps)),
            ("checkpoints", checkpoints.map(String.init) ?? "null"),
            ("stored_states", String(result.statistics.storedStates)),
            ("recomputed_steps", String(result.statistics.recomputedSteps)),
            ("peak_rss_growth_kb", String(after - before)), ("seconds", JSONText.number(seconds)),
            ("gradient", JSONText.array(result.parameterGradient)),
        ])
    }

    static func peakResidentKilobytes() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss
    }

    static func median(_ repeats: Int, _ body: () -> Void) -> Double {
        var samples = [Double]()
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }
        samples.sort()
        return samples[samples.count / 2]
    }
}
