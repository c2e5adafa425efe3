import ContinuumODE
import ContinuumSensitivity
import Foundation
import Testing

/// `f(t, y) = (y∘y∘y) A + b + c sin(t)` with `θ = (A (row-major), b, c)`: the spiral's cubic
/// dynamics, made time-dependent so each batch row's own time matters. Uses the default
/// (per-row) batched evaluation.
struct BatchedCubicField: BatchedDifferentiableVectorField {
    var parameters: [Double]
    var dimension: Int { 2 }
    var parameterCount: Int { 7 }

    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        let a = y[0] * y[0] * y[0], b = y[1] * y[1] * y[1]
        let forcing = parameters[6] * sin(t)
        dy[0] = a * parameters[0] + b * parameters[2] + parameters[4] + forcing
        dy[1] = a * parameters[1] + b * parameters[3] + parameters[5] + forcing
    }

    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        let cubes = [y[0] * y[0] * y[0], y[1] * y[1] * y[1]]
        for j in 0..<2 {
            stateProduct[j] = 3 * y[j] * y[j] * (parameters[2 * j] * v[0] + parameters[2 * j + 1] * v[1])
            for i in 0..<2 { parameterProduct[2 * j + i] = cubes[j] * v[i] }
        }
        parameterProduct[4] = v[0]
        parameterProduct[5] = v[1]
        parameterProduct[6] = (v[0] + v[1]) * sin(t)
    }
}

/// `f(y) = θ y²` (blows up at `t = 1 / (θ y₀)`).
struct BatchedQuadraticField: BatchedDifferentiableVectorField {
    var theta: Double
    var dimension: Int { 1 }
    var parameterCount: Int { 1 }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = theta * y[0] * y[0]
    }
    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        stateProduct[0] = 2 * theta * y[0] * v[0]
        parameterProduct[0] = y[0] * y[0] * v[0]
    }
}

private func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    let scale = max(b.map(abs).max() ?? 0, 1e-300)
    return zip(a, b).map { abs($0 - $1) }.max()! / scale
}

@Suite("BatchedDiscreteAdjoint")
struct BatchedDiscreteAdjointTests {
    static let field = BatchedCubicField(parameters: [-0.1, 2, -2, -0.1, 0.05, -0.02, 0.3])
    static let options = SolverOptions(relativeTolerance: 1e-7, absoluteTolerance: 1e-9)
    /// Windows with their own starts, spans (one backwards in time) and loss times (one with a
    /// loss at its initial time).
    static let windows = [
        TrajectoryWindow(y0: [2, 0], t0: 0, times: [0.1, 0.2, 0.35, 0.5]),
        TrajectoryWindow(y0: [0.4, -1.3], t0: 1.5, times: [1.5, 2.0, 3.5]),
        TrajectoryWindow(y0: [-0.9, 0.8], t0: 0.3, times: [0.31, 0.9, 1.4, 2.8, 4.0]),
        TrajectoryWindow(y0: [1.1, 0.2], t0: 2, times: [1.7, 1.2]),
        TrajectoryWindow(y0: [0.05, 1.6], t0: 0, times: [2.5]),
    ]

    /// Each window's loss, states, initial-state gradient and (summed) parameter gradient equal
    /// those of its own `gradient(…, sensitivity: .discrete())` solve.
    @Test(arguments: ["dopri5", "tsit5"])
    func matchesTheDiscreteAdjointOfEachWindowAlone(_ name: String) throws {
        let method: ExplicitRungeKutta = name == "dopri5" ? .dopri5 : .tsit5
        let losses = Self.windows.indices.map { w in
            ClosureTrajectoryLoss { index, _, y, gradient in
                var total = 0.0
                for j in 0..<2 {
                    let r = y[j] - 0.1 * Double(index + w)
                    total += r * r
                    gradient[j] = 2 * r
                }
                return total
            }
        }
        let adjoint = try BatchedDiscreteAdjoint(field: Self.field, method: method, options: Self.options)
        for _ in 0..<2 {  // the second call reuses the tapes
            let batch = try adjoint.gradient(of: losses, over: Self.windows)
            #expect(batch.allSucceeded)
            var sum = [Double](repeating: 0, count: 7)
            var steps = 0
            for (w, window) in Self.windows.enumerated() {
                let problem = try ODEProblem(Self.field, y0: window.y0, from: window.t0, to: window.times.last!)
                let alone = try gradient(
                    of: losses[w], at: window.times, for: problem, with: method, options: Self.options,
                    sensitivity: .discrete())
                for k in sum.indices { sum[k] += alone.parameterGradient[k] }
                steps += alone.statistics.forward.acceptedSteps
                #expect(abs(batch.losses[w] - alone.loss) <= 1e-13 * abs(alone.loss))
                #expect(batch.states[w] == alone.states, "window \(w) took other steps")
                #expect(maxRelativeDifference(batch.initialStateGradients[w], alone.initialStateGradient) < 1e-12)
            }
            #expect(batch.statistics.forward.acceptedSteps == steps)
            #expect(maxRelativeDifference(batch.parameterGradient, sum) < 1e-12)
        }
    }

    /// A window that blows up is reported and left out; the others are unaffected.
    @Test func reportsAFailingWindowAndKeepsTheOthers() throws {
        let windows = [
            TrajectoryWindow(y0: [1], t0: 0, times: [0.5, 2]),  // blows up at t = 1
            TrajectoryWindow(y0: [0.1], t0: 0, times: [0.5, 2]),
        ]
        let losses = [SumOfSquaresLoss(), SumOfSquaresLoss()]
        let field = BatchedQuadraticField(theta: 1)
        let adjoint = try BatchedDiscreteAdjoint(field: field, method: .dopri5, options: Self.options)
        let batch = try adjoint.gradient(of: losses, over: windows)
        guard case .forwardSolveFailed? = batch.failures[0] else {
            Issue.record("expected a failed forward solve, got \(String(describing: batch.failures[0]))")
            return
        }
        #expect(batch.failures[1] == nil)
        #expect(batch.losses[0].isNaN)
        let alone = try gradient(
            of: SumOfSquaresLoss(), at: [0.5, 2], for: try ODEProblem(field, y0: [0.1], from: 0, to: 2), with: .dopri5,
            options: Self.options, sensitivity: .discrete())
        #expect(maxRelativeDifference(batch.parameterGradient, alone.parameterGradient) < 1e-12)
        #expect(abs(batch.loss - alone.loss) <= 1e-14 * alone.loss)
    }

    /// Misuse throws instead of crashing.
    @Test func rejectsMismatchedInput() throws {
        let adjoint = try BatchedDiscreteAdjoint(field: Self.field, method: .dopri5, options: Self.options)
        #expect(throws: SensitivityError.self) {
            try adjoint.gradient(of: [SumOfSquaresLoss()], over: [])
        }
        #expect(throws: SensitivityError.self) {
            try adjoint.gradient(of: [SumOfSquaresLoss()], over: [TrajectoryWindow(y0: [1], t0: 0, times: [1])])
        }
        #expect(throws: SensitivityError.self) {
            try BatchedDiscreteAdjoint(field: Self.field, method: .rk4, options: Self.options)
        }
    }
}
