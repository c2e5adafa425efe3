import ContinuumODE
import Foundation
import Testing
import _TestSupport

/// `y' = A(y − g(t)) + g'(t)` with `A = Q B Qᵀ`, `B = diag([[−0.1, 1], [−1, −0.1]], −10³, −10⁴)` and `Q` the
/// Householder reflection of `v = (1, 2, 3, 4)`; `g(t) = (2 + sin t) q₁ + cos(2t) q₂` lies in the slow
/// invariant subspace (the first two columns of `Q`), so the exact solution is `y = g` and the stiff
/// modes are present but never forced. The exact Jacobian `A` is supplied.
private final class ForcedStiffLinearField: DifferentiableVectorField {
    static let q: [[Double]] = {
        var q = [[Double]](repeating: [0, 0, 0, 0], count: 4)
        for i in 0..<4 {
            for j in 0..<4 {
                let product = Double((i + 1) * (j + 1))
                q[i][j] = (i == j ? 1.0 : 0.0) - 2.0 * product / 30.0
            }
        }
        return q
    }()
    static let a: [[Double]] = {
        let b: [[Double]] = [[-0.1, 1, 0, 0], [-1, -0.1, 0, 0], [0, 0, -1e3, 0], [0, 0, 0, -1e4]]
        var a = [[Double]](repeating: [0, 0, 0, 0], count: 4)
        for i in 0..<4 {
            for j in 0..<4 {
                var sum = 0.0
                for k in 0..<4 { for l in 0..<4 { sum += q[i][k] * b[k][l] * q[j][l] } }
                a[i][j] = sum
            }
        }
        return a
    }()
    static func g(_ t: Double) -> [Double] {
        let (s, c) = (2 + sin(t), cos(2 * t))
        return (0..<4).map { i in q[i][0] * s + q[i][1] * c }
    }
    static func gDot(_ t: Double) -> [Double] {
        let (s, c) = (cos(t), -2 * sin(2 * t))
        return (0..<4).map { i in q[i][0] * s + q[i][1] * c }
    }
    /// Number of Jacobians handed out.
    let jacobianCalls = Counter()
    final class Counter { var value = 0 }

    var dimension: Int { 4 }
    var parameterCount: Int { 0 }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        let g = Self.g(t)
        let gDot = Self.gDot(t)
        for i in 0..<4 {
            var sum = gDot[i]
            for j in 0..<4 { sum += Self.a[i][j] * (y[j] - g[j]) }
            dy[i] = sum
        }
    }
    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        for j in 0..<4 {
            var sum = 0.0
            for i in 0..<4 { sum += v[i] * Self.a[i][j] }
            stateProduct[j] = sum
        }
    }
    func jacobian(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ jacobian: UnsafeMutableBufferPointer<Double>) {
        jacobianCalls.value += 1
        for i in 0..<4 { for j in 0..<4 { jacobian[i * 4 + j] = Self.a[i][j] } }
    }
}

/// Observed orders of the Rosenbrock methods and their continuous extensions.
@Suite struct RosenbrockOrderTests {
    /// Errors at step sizes halving: fixed-step global errors at the end of `[t0, t0 + span]`.
    static func globalErrors<F: VectorField>(
        _ method: RosenbrockMethod, field: F, exact: (Double) -> [Double], t0: Double, span: Double, steps: [Int]
    ) throws -> [Double] {
        try steps.map { n in
            let problem = try ODEProblem(field, y0: exact(t0), from: t0, to: t0 + span)
            var options = SolverOptions.fixedStep(span / Double(n))
            options.saveAt = [t0 + span]
            let solution = try solve(problem, with: method, options: options)
            #expect(solution.statistics.acceptedSteps == n)
            return zip(try #require(solution.finalState), exact(t0 + span)).map { abs($0 - $1) }.max()!
        }
    }

    /// Local errors of the continuous extension at θ = 0.4 of one step of size `h` from the exact state.
    static func denseErrors<F: VectorField>(
        _ method: RosenbrockMethod, field: F, exact: (Double) -> [Double], t0: Double, stepSizes: [Double]
    ) throws -> [Double] {
        try stepSizes.map { h in
            let problem = try ODEProblem(field, y0: exact(t0), from: t0, to: t0 + h)
            var options = SolverOptions.fixedStep(h)
            options.denseOutput = true
            let solution = try solve(problem, with: method, options: options)
            let t = t0 + 0.4 * h
            return zip(try #require(solution.solution(at: t)), exact(t)).map { abs($0 - $1) }.max()!
        }
    }

    /// The slope over the finest three errors within `(floor, ceiling)`.
    static func order(_ stepSizes: [Double], _ errors: [Double], floor: Double, ceiling: Double = 1e-2) -> Double {
        let usable = Array(zip(stepSizes, errors).filter { $0.1 > floor && $0.1 < ceiling }.suffix(3))
        guard usable.count == 3 else { return .nan }
        return observedOrder(stepSizes: usable.map(\.0), errors: usable.map(\.1), floor: floor)
    }

    /// The stiff linear problem with its exact Jacobian: global order of the method with fixed steps
    /// (`|hλ|` of the stiff modes from 10⁴ down to about 4) within ±0.3 of nominal.
    @Test(arguments: RosenbrockMethod.all.map(\.name))
    func stiffLinearProblemHasNominalOrder(name: String) throws {
        let method = try #require(RosenbrockMethod.named(name))
        let steps = (0..<9).map { 2 << $0 }
        let errors = try Self.globalErrors(
            method, field: ForcedStiffLinearField(), exact: ForcedStiffLinearField.g, t0: 0, span: 2, steps: steps)
        let observed = Self.order(steps.map { 2 / Double($0) }, errors, floor: 1e-12)
        #expect(abs(observed - Double(method.order)) <= 0.3, "\(name): observed \(observed); errors \(errors)")
    }

    /// The continuous extension of order q has local error O(h^(q+1)), on the same stiff problem.
    @Test(arguments: RosenbrockMethod.all.map(\.name))
    func stiffLinearDenseOutputHasNominalOrder(name: String) throws {
        let method = try #require(RosenbrockMethod.named(name))
        let stepSizes = (0..<9).map { 1 / Double(1 << $0) }
        let errors = try Self.denseErrors(
            method, field: ForcedStiffLinearField(), exact: ForcedStiffLinearField.g, t0: 0.3, stepSizes: stepSizes)
        let observed = Self.order(stepSizes, errors, floor: 1e-13)
        let nominal = Double(method.tableau.denseOutput.order + 1)
        #expect(abs(observed - nominal) <= 0.3, "\(name): local dense order \(observed), expected \(nominal); errors \(errors)")
    }

    /// A non-autonomous problem with finite-difference `∂f/∂y` and `∂f/∂t`:
    /// `y' = −cos(t) y²`, `y = 1/(1 + sin t)`.
    @Test(arguments: RosenbrockMethod.all.map(\.name))
    func nonAutonomousProblemHasNominalOrders(name: String) throws {
        let method = try #require(RosenbrockMethod.named(name))
        let field = ClosureVectorField(dimension: 1) { t, y, dy in dy[0] = -cos(t) * y[0] * y[0] }
        let exact: (Double) -> [Double] = { [1 / (1 + sin($0))] }
        let steps = (0..<8).map { 4 << $0 }
        let errors = try Self.globalErrors(method, field: field, exact: exact, t0: 0, span: 2, steps: steps)
        let observed = Self.order(steps.map { 2 / Double($0) }, errors, floor: 1e-12, ceiling: 1e-3)
        #expect(abs(observed - Double(method.order)) <= 0.3, "\(name): observed \(observed); errors \(errors)")
        let stepSizes = (0..<8).map { 0.5 / Double(1 << $0) }
        let denseErrors = try Self.denseErrors(method, field: field, exact: exact, t0: 0.3, stepSizes: stepSizes)
        let denseObserved = Self.order(stepSizes, denseErrors, floor: 1e-13)
        let nominal = Double(method.tableau.denseOutput.order + 1)
        #expect(abs(denseObserved - nominal) <= 0.3, "\(name): local dense order \(denseObserved); errors \(denseErrors)")
    }

    /// Prothero-Robinson: `y' = A(y − g(t)) + g'(t)` with eigenvalues −10³ and −10⁴ and `y = g`, where
    /// `g` forces the stiff modes. In this stiff regime (`|hλ|` from 2.5·10³ down to about 30)
    /// Rosenbrock methods suffer order reduction (Hairer & Wanner II, Sect. IV.15; Steinebach's
    /// Rodas4P and Rodas5P were designed to lessen it): we observe 2.1 for Rosenbrock23, 1.85 for
    /// Rodas4 and 3.2 for Rodas5P. The test pins convergence at those orders, not the classical ones.
    @Test(arguments: RosenbrockMethod.all.map(\.name))
    func protheroRobinsonConverges(name: String) throws {
        let method = try #require(RosenbrockMethod.named(name))
        let field = ClosureVectorField(dimension: 2) { t, y, dy in
            let e0 = y[0] - (sin(t) + 2)
            let e1 = y[1] - cos(2 * t)
            dy[0] = -5500 * e0 + 4500 * e1 + cos(t)
            dy[1] = 4500 * e0 - 5500 * e1 - 2 * sin(2 * t)
        }
        let exact: (Double) -> [Double] = { [sin($0) + 2, cos(2 * $0)] }
        let steps = (0..<4).map { 4 << $0 }
        let errors = try Self.globalErrors(method, field: field, exact: exact, t0: 0, span: 1, steps: steps)
        let observed = observedOrder(stepSizes: steps.map { 1 / Double($0) }, errors: errors)
        let minimum = [2: 1.7, 4: 1.6, 5: 2.5][method.order]!
        #expect(observed >= minimum, "\(name): observed \(observed); errors \(errors)")
        #expect(errors.last! < [2: 2e-4, 4: 1e-6, 5: 1e-9][method.order]!, "\(name): errors \(errors)")
    }

    @Test func exactJacobianReplacesFiniteDifferences() throws {
        let field = ForcedStiffLinearField()
        let problem = try ODEProblem(field, y0: ForcedStiffLinearField.g(0), from: 0, to: 1)
        let solution = try solve(problem, with: .rodas5P, options: SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10))
        #expect(solution.status == .success)
        let stats = solution.statistics
        #expect(field.jacobianCalls.value == stats.jacobianEvaluations)
        // No evaluations of f for the Jacobian: only the central difference for ∂f/∂t remains.
        let expected = 2 + 2 * stats.jacobianEvaluations + 7 * stats.steps + stats.acceptedSteps
        #expect(stats.functionEvaluations == expected, "\(stats)")
        for (a, b) in zip(solution.finalState!, ForcedStiffLinearField.g(1)) { #expect(abs(a - b) < 1e-7) }
    }
}
