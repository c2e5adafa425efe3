import Continuum
import Foundation
import _AllocationCounter

/// `continuum-bench sde-gradient [--method reversible-heun|stored|stochastic-adjoint] [--paths N]
/// [--steps N] [--repeat N]`: the gradient of `E[X(1)²]` for geometric Brownian motion
/// dX = 0.5 X dt + 0.3 X ∘ dW, X(0) = 1, with respect to (μ, σ, X₀), over N paths of virtual
/// Brownian trees (leaf width a quarter step). Prints one JSON line with the median wall time, the
/// gradient, and the allocations per step of the forward and backward sweeps in steady state
/// (one path at 2·steps minus one path at steps, divided by steps).
enum SDEGradientBenchmark {
    static func run(_ arguments: [String]) throws -> String? {
        var method = SDESensitivityMethod.reversibleHeun, paths = 64, steps = 1000, repeats = 5
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { fail("\(flag) needs a value") }
            switch flag {
            case "--method":
                switch value {
                case "reversible-heun": method = .reversibleHeun
                case "stored": method = .reversibleHeunStoringStates
                case "stochastic-adjoint": method = .stochasticAdjoint
                default: fail("--method: reversible-heun, stored or stochastic-adjoint")
                }
            case "--paths": paths = try SDEBenchmark.positive(value, flag)
            case "--steps": steps = try SDEBenchmark.positive(value, flag)
            case "--repeat": repeats = try SDEBenchmark.positive(value, flag)
            default: fail("unknown option \(flag)")
            }
        }
        let problem = try SDEProblem(
            drift: LinearDrift(rate: SDEBenchmark.mu), diffusion: LinearDiffusion(volatility: SDEBenchmark.sigma),
            y0: [1], from: 0, to: 1)
        func trees(_ count: Int, _ steps: Int) -> [VirtualBrownianTree] {
            (0..<count).map {
                VirtualBrownianTree(key: RandomKey(seed: 42).split(UInt64($0)), dimension: 1, from: 0, to: 1,
                                    tolerance: 0.25 / Double(steps))
            }
        }
        func once(_ paths: [VirtualBrownianTree], _ steps: Int) throws -> SDEGradientResult {
            try sdeGradient(of: SumOfSquaresLoss(), at: [1], for: problem, paths: paths, method: method,
                            options: SDEGradientOptions(stepSize: 1 / Double(steps)))
        }
        let batch = trees(paths, steps)
        var result = try once(batch, steps)
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            result = try once(batch, steps)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }
        let short = trees(1, steps), long = trees(1, 2 * steps)
        let before = continuum_allocation_count()
        _ = try once(short, steps)
        let middle = continuum_allocation_count()
        _ = try once(long, 2 * steps)
        let after = continuum_allocation_count()
        let median = times.sorted()[times.count / 2]
        return JSONText.object([
            ("median_s", JSONText.number(median)), ("paths", String(paths)), ("steps", String(steps)),
            ("ns_per_path_step", JSONText.number(median / Double(paths * steps) * 1e9)),
            ("loss", JSONText.number(result.loss)),
            ("gradient", JSONText.array(result.parameterGradient + result.initialStateGradient)),
            ("allocations_per_step", JSONText.number(Double((after - middle) - (middle - before)) / Double(steps))),
            ("method", JSONText.string("\(method)")), ("library", JSONText.string("Continuum")),
        ])
    }
}

extension LinearDrift: DifferentiableVectorField {
    var parameterCount: Int { 1 }
    @inline(__always)
    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        stateProduct[0] = v[0] * rate
        parameterProduct[0] = v[0] * y[0]
    }
}

extension LinearDiffusion: DifferentiableDiffusionField {
    var parameterCount: Int { 1 }
    @inline(__always)
    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        stateProduct[0] = v[0] * volatility
        parameterProduct[0] = v[0] * y[0]
    }
}
