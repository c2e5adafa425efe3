import ContinuumODE
import Foundation
import Testing
import _TestSupport

/// Observed orders of every tableau on the Kepler problem with eccentricity 0.2 (nonlinear, no
/// damping of errors), whose exact solution follows from Kepler's equation `E − e sin E = t`.
@Suite struct ConvergenceOrderTests {
    static let eccentricity = 0.2
    static let span = 1.0

    static let field = ClosureVectorField(dimension: 4) { _, y, dy in
        let r2 = y[0] * y[0] + y[1] * y[1]
        let r3 = r2 * r2.squareRoot()
        dy[0] = y[2]
        dy[1] = y[3]
        dy[2] = -y[0] / r3
        dy[3] = -y[1] / r3
    }

    /// Position and velocity at time `t` (semi-major axis 1, period 2π, pericentre at t = 0).
    static func exact(_ t: Double) -> [Double] {
        let e = eccentricity
        var anomaly = t
        for _ in 0..<50 { anomaly -= (anomaly - e * sin(anomaly) - t) / (1 - e * cos(anomaly)) }
        let b = (1 - e * e).squareRoot()
        let denominator = 1 - e * cos(anomaly)
        return [cos(anomaly) - e, b * sin(anomaly), -sin(anomaly) / denominator, b * cos(anomaly) / denominator]
    }

    /// Verner's "most efficient" 6(5) pair is designed so that its order-7 residuals are tiny
    /// (about 1e-6 in exact arithmetic): the h⁶ term of its global error only dominates below
    /// round-off, and above it the method converges at order 7 to 7.5. For it the observed order
    /// may exceed the nominal one by up to 1.5; that its order is exactly 6 is asserted by the
    /// order-condition tests. Its large coefficients rounded to Double also leave an error floor
    /// near 1e-12.
    static func accepts(_ observed: Double, nominal: Int, method: String) -> Bool {
        let excess = method == "vern6" ? 1.5 : 0.2
        return observed >= Double(nominal) - 0.2 && observed <= Double(nominal) + excess
    }

    static func globalError(_ method: ExplicitRungeKutta, steps: Int) throws -> Double {
        let problem = try ODEProblem(field, y0: exact(0), from: 0, to: span)
        var options = SolverOptions.fixedStep(span / Double(steps))
        options.saveAt = [span]
        let solution = try solve(problem, with: method, options: options)
        let final = try #require(solution.finalState)
        #expect(solution.statistics.acceptedSteps == steps)
        return zip(final, exact(span)).map { abs($0 - $1) }.max()!
    }

    @Test(arguments: ExplicitRungeKutta.all.map(\.name))
    func fixedStepOrderMatchesTableau(name: String) throws {
        let method = try #require(ExplicitRungeKutta.named(name))
        // Step counts doubling; the slope is fitted on the finest three errors that stand above
        // round-off (high-order methods reach their asymptotic regime late on Kepler orbits).
        let base = [1: 1024, 2: 256, 3: 32, 4: 16, 5: 8, 6: 2][method.order] ?? 2
        let stepCounts = (0..<5).map { base << $0 }
        let errors = try stepCounts.map { try Self.globalError(method, steps: $0) }
        let floor = name == "vern6" ? 1e-11 : 1e-14
        let usable = Array(zip(stepCounts, errors).filter { $0.1 > floor && $0.1 < 1e-2 }.suffix(3))
        #expect(usable.count >= 3, "\(name): errors \(errors)")
        let order = observedOrder(stepSizes: usable.map { Self.span / Double($0.0) }, errors: usable.map(\.1), floor: floor)
        #expect(Self.accepts(order, nominal: method.order, method: name), "\(name): observed \(order), nominal \(method.order); errors \(errors)")
    }

    /// The continuous extension of order q has local error O(h^(q+1)) at interior points: one step
    /// from the exact state, compared with the exact solution at θ = 0.4.
    @Test(arguments: ExplicitRungeKutta.all.map(\.name))
    func denseOutputOrderMatchesTableau(name: String) throws {
        let method = try #require(ExplicitRungeKutta.named(name))
        let nominal = method.tableau.denseOutput.order
        var stepSizes: [Double] = []
        var errors: [Double] = []
        var h = method.order >= 7 ? 0.8 : method.order >= 6 ? 0.4 : 0.1
        for _ in 0..<8 {
            let problem = try ODEProblem(Self.field, y0: Self.exact(0.3), from: 0.3, to: 0.3 + h)
            var options = SolverOptions.fixedStep(h)
            options.denseOutput = true
            let solution = try solve(problem, with: method, options: options)
            let t = 0.3 + 0.4 * h
            let value = try #require(solution.solution(at: t))
            errors.append(zip(value, Self.exact(t)).map { abs($0 - $1) }.max()!)
            stepSizes.append(h)
            h /= 2
        }
        let usable = Array(zip(stepSizes, errors).filter { $0.1 > 1e-13 }.suffix(4))
        let order = observedOrder(stepSizes: usable.map(\.0), errors: usable.map(\.1), floor: 1e-13)
        #expect(Self.accepts(order, nominal: nominal + 1, method: name), "\(name): local dense error order \(order), expected \(nominal + 1); errors \(errors)")
    }
}
