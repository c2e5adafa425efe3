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

    var json: String {
        let y = finalState.map { "\($0)" }.joined(separator: ",")
        return "{\"median_s\":\(medianSeconds), \"nfe\":\(functionEvaluations), \"steps\":\(steps), \"rejected\":\(rejectedSteps), "
            + "\"y\":[\(y)], \"allocations_per_step\":\(allocationsPerStep), "
            + "\"allocations_per_solve\":\(allocationsPerSolve)}"
    }
}

/// Solves `problem` `arguments.repeats` times after one warm-up and reports the median wall time.
/// Allocations per step are measured in steady state: the difference in allocations between a solve
/// over the span and one over twice the span, divided by the difference in steps, so that setup
/// costs cancel.
func measure(_ benchmark: BenchmarkProblem, method: ExplicitRungeKutta, arguments: BenchmarkArguments) -> BenchmarkReport {
    do {
        var options = SolverOptions(
            relativeTolerance: arguments.relativeTolerance, absoluteTolerance: arguments.absoluteTolerance)
        options.saveAt = [benchmark.t1]
        options.maximumSteps = 10_000_000
        let problem = try benchmark.problem()
        var solution = try solve(problem, with: method, options: options)
        var times: [Double] = []
        times.reserveCapacity(arguments.repeats)
        for _ in 0..<arguments.repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            solution = try solve(problem, with: method, options: options)
            let end = DispatchTime.now().uptimeNanoseconds
            times.append(Double(end - start) * 1e-9)
        }
        times.sort()
        let median = times.count % 2 == 1
            ? times[times.count / 2] : 0.5 * (times[times.count / 2 - 1] + times[times.count / 2])

        let longEnd = benchmark.t0 + 2 * (benchmark.t1 - benchmark.t0)
        var longOptions = options
        longOptions.saveAt = [longEnd]
        let longProblem = try benchmark.problem(to: longEnd)
        let before = continuum_allocation_count()
        let short = try solve(problem, with: method, options: options)
        let middle = continuum_allocation_count()
        let long = try solve(longProblem, with: method, options: longOptions)
        let after = continuum_allocation_count()
        let shortAllocations = middle - before
        let extraSteps = long.statistics.steps - short.statistics.steps
        let perStep = extraSteps > 0 ? Double((after - middle) - shortAllocations) / Double(extraSteps) : 0

        return BenchmarkReport(
            medianSeconds: median, functionEvaluations: solution.statistics.functionEvaluations,
            steps: solution.statistics.acceptedSteps, rejectedSteps: solution.statistics.rejectedSteps, finalState: solution.finalState ?? [],
            allocationsPerStep: perStep, allocationsPerSolve: shortAllocations)
    } catch {
        fail("\(error)")
    }
}
