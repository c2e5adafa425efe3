import ContinuumODE
import Foundation
import Testing
import _TestSupport

/// Heavy ball and Nesterov are conformal discretisations of damped Hamiltonian flow: their iterates
/// are the integrators' positions under `α = h²`, `β = e^{−γh}`; conformal leapfrog has order 2 and
/// contracts the symplectic form by exactly `e^{−γh}`.
@Suite struct SymplecticMomentumTests {
    typealias Gradient = @Sendable ([Double]) -> [Double]

    static let quadraticGradient: Gradient = { x in [2 * x[0] + 0.5 * x[1], 0.5 * x[0] + 10 * x[1]] }
    static let rosenbrockGradient: Gradient = { x in
        [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]), 200 * (x[1] - x[0] * x[0])]
    }

    static func field(_ gradient: @escaping Gradient) -> SeparableHamiltonian {
        .particle(degreesOfFreedom: 2, potentialGradient: { q, dV in
            let g = gradient([q[0], q[1]])
            dV[0] = g[0]
            dV[1] = g[1]
        })
    }

    /// Polyak: `xₖ₊₁ = xₖ − α∇f(xₖ) + β(xₖ − xₖ₋₁)`, `x₋₁ = x₀`.
    static func heavyBall(_ gradient: Gradient, x0: [Double], alpha: Double, beta: Double, iterations: Int) -> [[Double]] {
        var (x, previous) = (x0, x0)
        var iterates = [x0]
        for _ in 0..<iterations {
            let g = gradient(x)
            let next = (0..<2).map { x[$0] - alpha * g[$0] + beta * (x[$0] - previous[$0]) }
            (previous, x) = (x, next)
            iterates.append(x)
        }
        return iterates
    }

    /// Nesterov: `xₖ₊₁ = yₖ − α∇f(yₖ)`, `yₖ₊₁ = xₖ₊₁ + β(xₖ₊₁ − xₖ)`, `y₀ = x₀`.
    static func nesterov(_ gradient: Gradient, x0: [Double], alpha: Double, beta: Double, iterations: Int) -> [[Double]] {
        var (x, y) = (x0, x0)
        var iterates = [x0]
        for _ in 0..<iterations {
            let g = gradient(y)
            let next = (0..<2).map { y[$0] - alpha * g[$0] }
            y = (0..<2).map { next[$0] + beta * (next[$0] - x[$0]) }
            x = next
            iterates.append(x)
        }
        return iterates
    }

    /// The positions of `iterations` steps of `step` from `(x0, 0)`.
    static func positions(
        x0: [Double], iterations: Int,
        _ step: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>, Int) -> Void
    ) -> [[Double]] {
        var q = x0, p = [0.0, 0.0]
        var positions = [x0]
        for k in 0..<iterations {
            q.withUnsafeMutableBufferPointer { q in p.withUnsafeMutableBufferPointer { p in step(q, p, k) } }
            positions.append(q)
        }
        return positions
    }

    /// Largest relative distance between corresponding iterates.
    static func discrepancy(_ a: [[Double]], _ b: [[Double]]) -> Double {
        zip(a, b).map { x, y in zip(x, y).map { abs($0 - $1) / max(1, abs($0)) }.max()! }.max()!
    }

    /// Learning rates are squares of binary fractions, so `h = √α` is exact and `h² = α`. The two
    /// sides then differ only by reassociation (`x − αg + β(x − x₋)` against `x + h(βp − hg)`), one
    /// rounding per operation; Rosenbrock's curved valley (Hessian condition number ≈ 2500 at the
    /// minimiser) amplifies those roundings over 3000 iterations to about 1e-14 (measured 1.0e-14
    /// for heavy ball, 1.2e-14 for Nesterov), hence its looser bound.
    static let cases: [(name: String, gradient: Gradient, x0: [Double], alpha: Double, beta: Double, iterations: Int, tolerance: Double)] = [
        ("quadratic", quadraticGradient, [3, -2], 0.0625, 0.8, 300, 1e-14),
        ("rosenbrock", rosenbrockGradient, [-1.2, 1], 1.0 / 1024, 0.9, 3000, 3e-14),
    ]

    @Test(arguments: [0, 1])
    func heavyBallIteratesAreConformalSymplecticEulerPositions(_ index: Int) {
        let c = Self.cases[index]
        let (h, gamma) = MomentumCorrespondence.integrator(learningRate: c.alpha, momentum: c.beta)
        let method = ConformalSplitting.heavyBall(damping: gamma)
        let field = Self.field(c.gradient)
        let workspace = SplittingWorkspace(degreesOfFreedom: 2)
        let integrator = Self.positions(x0: c.x0, iterations: c.iterations) { q, p, k in
            method.step(field, t: Double(k) * h, h: h, q: q, p: p, workspace: workspace)
        }
        let optimizer = Self.heavyBall(c.gradient, x0: c.x0, alpha: c.alpha, beta: c.beta, iterations: c.iterations)
        let gap = Self.discrepancy(integrator, optimizer)
        #expect(gap <= c.tolerance, "\(c.name): heavy ball and the integrator differ by \(gap)")
        // The iteration makes progress towards the minimiser, so the comparison is not vacuous.
        let moved = Self.discrepancy([optimizer.last!], [c.x0])
        #expect(moved > 0.5, "\(c.name): moved only \(moved)")
    }

    @Test(arguments: [0, 1])
    func nesterovIteratesAreTheLookAheadSchemePositions(_ index: Int) {
        let c = Self.cases[index]
        let (h, gamma) = MomentumCorrespondence.integrator(learningRate: c.alpha, momentum: c.beta)
        let method = NesterovScheme(damping: gamma)
        let field = Self.field(c.gradient)
        let workspace = SplittingWorkspace(degreesOfFreedom: 2)
        let integrator = Self.positions(x0: c.x0, iterations: c.iterations) { q, p, k in
            method.step(field, t: Double(k) * h, h: h, q: q, p: p, workspace: workspace)
        }
        let optimizer = Self.nesterov(c.gradient, x0: c.x0, alpha: c.alpha, beta: c.beta, iterations: c.iterations)
        let gap = Self.discrepancy(integrator, optimizer)
        #expect(gap <= c.tolerance, "\(c.name): Nesterov and the integrator differ by \(gap)")
    }

    @Test func correspondenceRoundTrips() {
        let (h, gamma) = MomentumCorrespondence.integrator(learningRate: 1e-3, momentum: 0.9)
        let (alpha, beta) = MomentumCorrespondence.optimizer(stepSize: h, damping: gamma)
        #expect(abs(alpha - 1e-3) <= 1e-18 && abs(beta - 0.9) <= 2e-16)
    }

    @Test(arguments: [(ConformalSplitting.leapfrog(damping: 0.3), 2), (ConformalSplitting.heavyBall(damping: 0.3), 1)])
    func dampedOscillatorConvergesAtTheNominalOrder(_ method: ConformalSplitting, _ order: Int) throws {
        // q'' + γq' + q = 0, q(0) = 1, q'(0) = 0: q = e^{−γt/2}(cos ωt + γ/(2ω) sin ωt), ω² = 1 − γ²/4.
        let gamma = 0.3, span = 5.0
        let omega = (1 - gamma * gamma / 4).squareRoot()
        let exactQ = exp(-gamma * span / 2) * (cos(omega * span) + gamma / (2 * omega) * sin(omega * span))
        let problem = try PartitionedProblem(SymplecticTestProblems.oscillator, q0: [1], p0: [0], from: 0, to: span)
        let counts = [50, 100, 200, 400, 800]
        let errors = try counts.map { n in
            let result = try solve(problem, with: method, options: GeometricOptions(stepSize: span / Double(n), saveEvery: 0))
            return abs(result.solution.finalState![0] - exactQ)
        }
        let observed = observedOrder(stepSizes: counts.map { span / Double($0) }, errors: errors)
        #expect(abs(observed - Double(order)) <= 0.2, "\(method.name): observed \(observed), errors \(errors)")
    }

    @Test func conformalStepContractsTheSymplecticFormByExactlyTheDampingFactor() {
        let gamma = 0.7, h = 0.05
        for method in [ConformalSplitting.leapfrog(damping: gamma), .heavyBall(damping: gamma), ConformalSplitting(.yoshida4, damping: gamma)] {
            let j = SymplecticGeometryTests.jacobian(h: h) { field, q, p, workspace in
                method.step(field, t: 0, h: h, q: q, p: p, workspace: workspace)
            }
            let factor = exp(-gamma * h)
            let scaled = j.map { row in row.map { $0 / factor.squareRoot() } }
            let defect = SymplecticGeometryTests.symplecticDefect(scaled)
            #expect(defect <= 1e-12, "\(method.name): |JᵀΩJ/e^{−γh} − Ω| = \(defect)")
        }
    }
}
