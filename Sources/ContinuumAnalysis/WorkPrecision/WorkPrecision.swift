import ContinuumODE
import Dispatch

/// Work-precision studies: each method solves a problem over a sweep of tolerances, and each solve
/// is measured by its error against a high-accuracy reference, its wall time (median of repeats)
/// and its function evaluations: the data of the usual work-precision diagrams.
///
/// ```swift
/// let times = stride(from: 1.0, through: 10, by: 1).map { $0 }
/// let reference = try WorkPrecision.reference(problem, at: times, with: .init(.dop853))
/// let points = try WorkPrecision.sweep(problem, methods: [.init(.dopri5), .init(.tsit5)],
///                                      tolerances: [(1e-4, 1e-4), (1e-6, 1e-6), (1e-8, 1e-8)],
///                                      at: times, reference: reference)
/// print(WorkPrecision.csv(points))
/// ```
public enum WorkPrecision {
    /// Tolerances of the reference solve.
    public static let referenceTolerance = (relative: 1e-13, absolute: 1e-15)

    /// The states at `times` from `method` at ``referenceTolerance``; throws
    /// ``WorkPrecisionError/referenceFailed(method:status:)`` when that solve does not succeed.
    public static func reference<F: VectorField>(
        _ problem: ODEProblem<F>, at times: [Double], with method: WorkPrecisionMethod<F>,
        tolerance: (relative: Double, absolute: Double) = referenceTolerance
    ) throws -> [[Double]] {
        var options = SolverOptions(relativeTolerance: tolerance.relative, absoluteTolerance: tolerance.absolute)
        options.saveAt = times
        options.maximumSteps = 10_000_000
        options.stiffnessCheckInterval = 0
        let solution = try method.solve(problem, options)
        guard solution.status.isSuccess, solution.count == times.count else {
            throw WorkPrecisionError.referenceFailed(method: method.name, status: solution.status.rawValue)
        }
        return solution.states
    }

    /// `max |y − y_ref| / max(|y_ref|, floor)` over every component at every time: relative error,
    /// measured absolutely against `floor` where the reference is smaller. Infinite when the
    /// solution has a different number of states (a failed solve).
    public static func error(_ states: [[Double]], reference: [[Double]], floor: Double) -> Double {
        guard states.count == reference.count else { return .infinity }
        var worst = 0.0
        for (computed, expected) in zip(states, reference) {
            for (b, a) in zip(computed, expected) {
                let e = abs(b - a) / max(abs(a), floor)
                worst = e.isNaN ? .infinity : max(worst, e)
            }
        }
        return worst
    }

    /// Solves `problem` with every method at every `(relative, absolute)` tolerance, saving at
    /// `times`, and measures each solve against `reference` (see ``error(_:reference:floor:)``).
    /// Each point's time is the median of up to `repeats` solves, fewer when they take long
    /// (repeats stop once `timeBudget` seconds are spent on the point).
    public static func sweep<F: VectorField>(
        _ problem: ODEProblem<F>, methods: [WorkPrecisionMethod<F>], tolerances: [(relative: Double, absolute: Double)],
        at times: [Double], reference: [[Double]], errorFloor: Double = 1e-12, repeats: Int = 5, timeBudget: Double = 2
    ) throws -> [WorkPrecisionPoint] {
        var points: [WorkPrecisionPoint] = []
        for method in methods {
            for tolerance in tolerances {
                var options = SolverOptions(relativeTolerance: tolerance.relative, absoluteTolerance: tolerance.absolute)
                options.saveAt = times
                var seconds: [Double] = []
                var solution: Solution?
                repeat {
                    let start = DispatchTime.now().uptimeNanoseconds
                    solution = try method.solve(problem, options)
                    seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
                } while seconds.count < max(repeats, 1) && seconds.reduce(0, +) < timeBudget
                let result = solution!
                let error = result.status.isSuccess ? Self.error(result.states, reference: reference, floor: errorFloor) : .infinity
                points.append(WorkPrecisionPoint(
                    method: method.name, relativeTolerance: tolerance.relative, absoluteTolerance: tolerance.absolute,
                    error: error, medianSeconds: median(seconds), repeats: seconds.count,
                    functionEvaluations: result.statistics.functionEvaluations, steps: result.statistics.steps,
                    jacobianEvaluations: result.statistics.jacobianEvaluations, status: result.status))
            }
        }
        return points
    }

    /// The points as CSV text with a header line.
    public static func csv(_ points: [WorkPrecisionPoint]) -> String {
        ([WorkPrecisionPoint.csvHeader] + points.map(\.csvRow)).joined(separator: "\n") + "\n"
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// Why a work-precision study could not run.
public enum WorkPrecisionError: Error, Equatable, CustomStringConvertible {
    /// The reference solve did not reach the end of the time span.
    case referenceFailed(method: String, status: String)

    public var description: String {
        switch self {
        case let .referenceFailed(method, status):
            return "the reference solve with \(method) at tight tolerance ended with \(status); choose another reference method"
        }
    }
}
