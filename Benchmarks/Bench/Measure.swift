import Continuum
import Foundation
import _AllocationCounter

/// One benchmark result, printed as a JSON line.
struct BenchmarkReport {
    var medianSeconds: Double
    var functionEvaluations: Int
    var steps: Int
    var rejectedSteps: Int
    var finalState: [Double]
    var allocationsPerStep: Double
    var allocationsPerSolve: Int
    var status: String
    var jacobianEvaluations: Int
    var factorizations: Int
    var evaluationCost: EvaluationCost?

    var json: String {
        var members: [(String, String)] = [
            ("median_s", JSONText.number(medianSeconds)), ("nfe", String(functionEvaluations)),
            ("steps", String(steps)), ("rejected", String(rejectedSteps)), ("y", JSONText.array(finalState)),
            ("allocations_per_step", JSONText.number(allocationsPerStep)),
            ("allocations_per_solve", String(allocationsPerSolve)),
            ("jacobians", String(jacobianEvaluations)), ("factorizations", String(factorizations)),
            ("status", JSONText.string(status)),
        ]
        if let cost = evaluationCost {
            members += [
                ("text_evaluation_ns", JSONText.number(cost.textNanoseconds)),
                ("closure_evaluation_ns", JSONText.number(cost.closureNanoseconds)),
                ("text_over_closure", JSONText.number(cost.textNanoseconds / cost.closureNanoseconds)),
            ]
        }
        return JSONText.object(members)
    }
}

/// Solves the benchmark problem with `field` `arguments.repeats` times after one warm-up and reports
/// the median wall time. Allocations per step are measured in steady state: the difference in
/// allocations between a solve over the span and one over twice the span, divided by the
/// difference in steps, so that setup costs cancel.
func measure<F: VectorField, S: ODESolver>(
    _ field: F, _ benchmark: BenchmarkProblem, method: S, arguments: BenchmarkArguments
) throws -> BenchmarkReport {
    var options = SolverOptions(relativeTolerance: arguments.relativeTolerance, absoluteTolerance: arguments.absoluteTolerance)
    options.saveAt = [benchmark.t1]
    options.maximumSteps = 10_000_000
    // Non-stiff problems leave stiffness to the solver; stiff benchmarks must not stop early.
    options.stiffnessCheckInterval = benchmark.isStiff ? 0 : options.stiffnessCheckInterval
    let problem = try ODEProblem(field, y0: benchmark.y0, from: benchmark.t0, to: benchmark.t1)
    var solution = try solve(problem, with: method, options: options)
    var times: [Double] = []
    times.reserveCapacity(arguments.repeats)
    for _ in 0..<arguments.repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        solution = try solve(problem, with: method, options: options)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
    }

    let longEnd = benchmark.t0 + 2 * (benchmark.t1 - benchmark.t0)
    var longOptions = options
    longOptions.saveAt = [longEnd]
    let longProblem = try ODEProblem(field, y0: benchmark.y0, from: benchmark.t0, to: longEnd)
    let before = continuum_allocation_count()
    let short = try solve(problem, with: method, options: options)
    let middle = continuum_allocation_count()
    let long = try solve(longProblem, with: method, options: longOptions)
    let after = continuum_allocation_count()
    let shortAllocations = middle - before
    let extraSteps = long.statistics.steps - short.statistics.steps
    let perStep = extraSteps > 0 ? Double((after - middle) - shortAllocations) / Double(extraSteps) : 0

    return BenchmarkReport(
        medianSeconds: median(times), functionEvaluations: solution.statistics.functionEvaluations,
        steps: solution.statistics.acceptedSteps, rejectedSteps: solution.statistics.rejectedSteps,
        finalState: solution.finalState ?? [], allocationsPerStep: perStep, allocationsPerSolve: shortAllocations,
        status: solution.status.rawValue, jacobianEvaluations: solution.statistics.jacobianEvaluations,
        factorizations: solution.statistics.factorizations)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let n = sorted.count
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2])
}
