import Continuum
import Foundation
import _AllocationCounter

/// `continuum-bench kepler-symplectic [--method verlet] [--steps N] [--dt H] [--repeat R]
/// [--field closure|struct]`: fixed-step splitting on the Kepler orbit of eccentricity 0.6, only
/// the final state kept. Prints one JSON line with the median time, the time per step and the
/// steady-state allocations per step (from runs of N and 2N steps).
enum SymplecticBenchmark {
    /// The Kepler force as a struct, so the engine specialises and inlines it.
    struct KeplerField: PartitionedVectorField {
        var degreesOfFreedom: Int { 2 }
        @inline(__always)
        func velocity(_ p: UnsafeBufferPointer<Double>, _ dq: UnsafeMutableBufferPointer<Double>) {
            dq[0] = p[0]
            dq[1] = p[1]
        }
        @inline(__always)
        func force(_ t: Double, _ q: UnsafeBufferPointer<Double>, _ dp: UnsafeMutableBufferPointer<Double>) {
            let r2 = q[0] * q[0] + q[1] * q[1]
            let r3 = r2 * r2.squareRoot()
            dp[0] = -q[0] / r3
            dp[1] = -q[1] / r3
        }
    }

    static func run(_ arguments: [String]) throws -> String {
        let options = try benchmarkOptions(
            arguments, mode: "kepler-symplectic",
            defaults: ["method": "verlet", "steps": "100000", "dt": "0.01", "repeat": "20", "field": "closure"])
        guard let method = SplittingMethod.named(options["method"]!) else {
            throw BenchmarkError.usage("unknown splitting method \(options["method"]!)")
        }
        guard let steps = Int(options["steps"]!), steps > 0, let dt = Double(options["dt"]!), dt > 0,
              let repeats = Int(options["repeat"]!), repeats > 0
        else { throw BenchmarkError.usage("--steps, --dt and --repeat need positive values") }
        switch options["field"]! {
        case "closure": return try measure(SeparableHamiltonian.kepler, method: method, steps: steps, dt: dt, repeats: repeats)
        case "struct": return try measure(KeplerField(), method: method, steps: steps, dt: dt, repeats: repeats)
        default: throw BenchmarkError.usage("--field closure|struct")
        }
    }

    static func measure<F: PartitionedVectorField>(
        _ field: F, method: SplittingMethod, steps: Int, dt: Double, repeats: Int
    ) throws -> String {
        let start = SeparableHamiltonian.keplerPericentre(eccentricity: 0.6)
        func problem(_ n: Int) throws -> PartitionedProblem<F> {
            try PartitionedProblem(field, q0: start.q, p0: start.p, from: 0, to: dt * Double(n))
        }
        let options = GeometricOptions(stepSize: dt, saveEvery: 0)
        let short = try problem(steps), long = try problem(2 * steps)
        var result = try solve(short, with: method, options: options)
        var times: [Double] = []
        for _ in 0..<repeats {
            let begin = DispatchTime.now().uptimeNanoseconds
            result = try solve(short, with: method, options: options)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - begin) * 1e-9)
        }
        let before = continuum_allocation_count()
        _ = try solve(short, with: method, options: options)
        let middle = continuum_allocation_count()
        _ = try solve(long, with: method, options: options)
        let after = continuum_allocation_count()
        let perStep = Double((after - middle) - (middle - before)) / Double(steps)
        let seconds = median(times)
        return JSONText.object([
            ("median_s", JSONText.number(seconds)), ("steps", String(result.steps)),
            ("ns_per_step", JSONText.number(seconds / Double(result.steps) * 1e9)),
            ("nfe", String(result.solution.statistics.functionEvaluations)),
            ("allocations_per_step", JSONText.number(perStep)),
            ("y", JSONText.array(result.solution.finalState ?? [])), ("method", JSONText.string(method.name)),
        ])
    }
}
