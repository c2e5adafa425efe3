import Continuum
import Foundation
import _AllocationCounter

/// `continuum-bench sde [--brownian sequential|tree] [--field struct|closure] [--paths N] [--steps N]
/// [--repeat N] [--workers N] [--tolerance T]`: geometric Brownian motion dX = 0.5 X dt + 0.3 X dW, X(0) = 1 on
/// [0, 1], N paths of Euler-Maruyama with fixed steps, in parallel; the contract of
/// Benchmarks/peers/sde_*.py. The drift and diffusion are small structs conforming to the field
/// protocols (the solver is specialised for them and inlines them) or, with `--field closure`,
/// closures (an indirect call each). Prints one JSON line with the median wall time, the sample
/// mean at t = 1 and the allocations per path.
enum SDEBenchmark {
    static let mu = 0.5, sigma = 0.3

    static func run(_ arguments: [String]) throws {
        var brownian = "sequential", field = "struct", paths = 4096, steps = 1000, repeats = 5
        var workers: Int?
        var treeTolerance = 1e-4
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { fail("\(flag) needs a value") }
            switch flag {
            case "--brownian":
                guard ["sequential", "tree"].contains(value) else { fail("--brownian: sequential or tree") }
                brownian = value
            case "--field":
                guard ["struct", "closure"].contains(value) else { fail("--field: struct or closure") }
                field = value
            case "--paths": paths = try positive(value, flag)
            case "--steps": steps = try positive(value, flag)
            case "--repeat": repeats = try positive(value, flag)
            case "--workers": workers = try positive(value, flag)
            case "--tolerance":
                guard let tolerance = Double(value), tolerance > 0, tolerance.isFinite else {
                    fail("--tolerance needs a positive number, got \(value)")
                }
                treeTolerance = tolerance
            default: fail("unknown option \(flag)")
            }
        }
        let (mu, sigma) = (mu, sigma)
        let closures = try SDEProblem(
            y0: [1], from: 0, to: 1, drift: { _, y, dy in dy[0] = mu * y[0] }, diffusion: { _, y, g in g[0] = sigma * y[0] })
        let structs = try SDEProblem(
            drift: LinearDrift(rate: mu), diffusion: LinearDiffusion(volatility: sigma), y0: [1], from: 0, to: 1)
        let source: BrownianSource = brownian == "tree" ? .tree(tolerance: treeTolerance) : .sequential
        let options = SDESolveOptions(stepSize: 1 / Double(steps))
        func once() throws -> EnsembleResult {
            field == "closure"
                ? try solveEnsemble(closures, with: .eulerMaruyama, paths: paths, key: RandomKey(seed: 42),
                                    brownian: source, options: options, workers: workers)
                : try solveEnsemble(structs, with: .eulerMaruyama, paths: paths, key: RandomKey(seed: 42),
                                    brownian: source, options: options, workers: workers)
        }
        var result = try once()
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            result = try once()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }
        let before = continuum_allocation_count()
        _ = try once()
        let allocations = continuum_allocation_count() - before
        print(JSONText.object([
            ("median_s", JSONText.number(times.sorted()[times.count / 2])),
            ("mean", JSONText.number(result.mean[0])), ("exact_mean", JSONText.number(exp(mu))),
            ("variance", JSONText.number(result.variance[0])), ("paths", String(paths)), ("steps", String(steps)),
            ("brownian", JSONText.string(brownian == "tree" ? "VirtualBrownianTree(tol \(treeTolerance))" : "sequential")),
            ("allocations_per_path", JSONText.number(Double(allocations) / Double(paths))),
            ("workers", String(workers ?? ProcessInfo.processInfo.activeProcessorCount)), ("field", JSONText.string(field)),
            ("library", JSONText.string("Continuum")),
        ]))
    }

    static func positive(_ text: String, _ flag: String) throws -> Int {
        guard let n = Int(text), n > 0 else { fail("\(flag) needs a positive integer, got \(text)") }
        return n
    }
}

/// GBM's drift `μ y` as a field type the solver specialises for.
struct LinearDrift: VectorField, Sendable {
    let rate: Double
    var dimension: Int { 1 }
    @inline(__always)
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = rate * y[0]
    }
}

/// GBM's diffusion `σ y` (diagonal noise).
struct LinearDiffusion: DiffusionField, Sendable {
    let volatility: Double
    var dimension: Int { 1 }
    @inline(__always)
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) {
        g[0] = volatility * y[0]
    }
}
