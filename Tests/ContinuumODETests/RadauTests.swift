import ContinuumNumerics
import ContinuumODE
import Foundation
import Testing
import _TestSupport

/// Radau IIA (RADAU5): coefficients, the stiff reference problems, convergence orders, failures
/// as statuses, and Jacobian reuse.
@Suite struct RadauTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    // MARK: Coefficients

    @Test func coefficientsAreTheCollocationMethodAndItsTransformation() {
        let k = RadauCoefficients.radauIIA5
        let a = k.matrix
        let c = k.nodes
        // Stage order 3: Σⱼ aᵢⱼ cⱼ^(q−1) = cᵢ^q / q; quadrature order 5: Σ bⱼ cⱼ^(q−1) = 1/q.
        for i in 0..<3 {
            for q in 1...3 {
                let sum = (0..<3).map { a[i][$0] * pow(c[$0], Double(q - 1)) }.reduce(0, +)
                #expect(abs(sum - pow(c[i], Double(q)) / Double(q)) < 1e-15, "row \(i), q = \(q)")
            }
        }
        for q in 1...5 {
            let sum = (0..<3).map { a[2][$0] * pow(c[$0], Double(q - 1)) }.reduce(0, +)
            #expect(abs(sum - 1 / Double(q)) < 1e-15, "quadrature q = \(q)")
        }
        // A⁻¹ T = T Λ  ⇔  T = A T Λ, and T T⁻¹ = I.
        let t = [[k.t11, k.t12, k.t13], [k.t21, k.t22, k.t23], [k.t31, 1, 0]]
        let ti = [[k.ti11, k.ti12, k.ti13], [k.ti21, k.ti22, k.ti23], [k.ti31, k.ti32, k.ti33]]
        let lambda = [[k.gamma, 0, 0], [0, k.alpha, -k.beta], [0, k.beta, k.alpha]]
        let atl = multiply(a, multiply(t, lambda))
        let identity = multiply(t, ti)
        for i in 0..<3 {
            for j in 0..<3 {
                #expect(abs(atl[i][j] - t[i][j]) < 1e-14, "A T Λ ≠ T at (\(i), \(j))")
                #expect(abs(identity[i][j] - (i == j ? 1 : 0)) < 1e-14, "T T⁻¹ ≠ I at (\(i), \(j))")
            }
        }
        // The monomial dense output interpolates the stages: Σⱼ vⱼᵢ cₗʲ = δᵢₗ.
        let v = [[k.v11, k.v12, k.v13], [k.v21, k.v22, k.v23], [k.v31, k.v32, k.v33]]
        for l in 0..<3 {
            for i in 0..<3 {
                let value = (0..<3).map { v[$0][i] * pow(c[l], Double($0 + 1)) }.reduce(0, +)
                #expect(abs(value - (i == l ? 1 : 0)) < 1e-13)
            }
        }
        // The error weights are −h u'(t₀) of the collocation polynomial: d = −(first row of V).
        #expect(abs(k.d1 + k.v11) < 1e-14 && abs(k.d2 + k.v12) < 1e-14 && abs(k.d3 + k.v13) < 1e-14)
    }

    // MARK: Reference problems

    /// Solves a reference problem at the reference times and returns the worst entry of
    /// `|b − a| / max(|a|, floorⱼ / 1e-5)` (`a` reference, `b` computed): below 1e-5 means every
    /// component is within a relative 1e-5, or within the absolute `floorⱼ`.
    func worstError<F: VectorField>(
        _ name: String, field: F, rtol: Double, atol: Double, floors: [Double]
    ) throws -> (error: Double, solution: Solution) {
        let reference = try ReferenceProblem.load(name, from: Self.fixtures)
        let problem = try ODEProblem(field, y0: reference.y0, from: reference.t0, to: reference.times.last!)
        var options = SolverOptions(relativeTolerance: rtol, absoluteTolerance: atol)
        options.saveAt = reference.times
        let solution = try solve(problem, with: .radau5, options: options)
        #expect(solution.status == .success, "\(name): \(solution.message ?? "")")
        var worst = 0.0
        for (expected, computed) in zip(reference.states, solution.states) {
            for j in expected.indices {
                worst = max(worst, abs(computed[j] - expected[j]) / max(abs(expected[j]), floors[j] / 1e-5))
            }
        }
        #expect(solution.states.count == reference.times.count)
        return (worst, solution)
    }

    @Test func reproducesRobertsonToTenToTheTen() throws {
        let (error, solution) = try worstError(
            "robertson", field: Robertson(), rtol: 1e-8, atol: 1e-14, floors: [0, 1e-12, 0])
        #expect(error < 1e-5, "Robertson: worst relative error \(error), \(solution.statistics)")
    }

    @Test func reproducesVanDerPolStiff() throws {
        let reference = try ReferenceProblem.load("vanderpol_mu1000", from: Self.fixtures)
        let (error, solution) = try worstError(
            "vanderpol_mu1000", field: reference.field, rtol: 1e-8, atol: 1e-10, floors: [0, 0])
        #expect(error < 1e-5, "Van der Pol: worst relative error \(error), \(solution.statistics)")
        // Jacobian reuse: far fewer Jacobians than steps, at most one factorisation per attempt.
        let s = solution.statistics
        #expect(s.jacobianEvaluations < s.acceptedSteps / 2, "\(s)")
        #expect(s.factorizations <= s.steps, "\(s)")
    }

    @Test func exactJacobianGivesTheSameSolution() throws {
        let reference = try ReferenceProblem.load("vanderpol_mu1000", from: Self.fixtures)
        let (error, solution) = try worstError(
            "vanderpol_mu1000", field: VanDerPol(mu: 1000), rtol: 1e-8, atol: 1e-10, floors: [0, 0])
        #expect(error < 1e-5, "worst relative error \(error)")
        // No finite differences: f is evaluated 3 times per Newton iteration, plus the
        // start-of-step and error-estimate evaluations; with FD it would add 2 per Jacobian.
        let withDifferences = try solve(
            ODEProblem(reference.field, y0: reference.y0, from: 0, to: reference.times.last!), with: .radau5,
            options: SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10))
        #expect(solution.statistics.jacobianEvaluations > 0)
        #expect(withDifferences.statistics.functionEvaluations > solution.statistics.functionEvaluations)
    }

    // MARK: Orders

    /// The final-time error of a fixed-step solve with `steps` steps.
    static func fixedStepError<F: VectorField>(_ field: F, y0: [Double], to end: Double, steps: Int, exact: [Double]) throws -> Double {
        var options = SolverOptions.fixedStep(end / Double(steps))
        options.tolerance = Tolerance(relative: 1e-13, absolute: 1e-15)  // Newton to round-off
        options.saveAt = [end]
        let solution = try solve(try ODEProblem(field, y0: y0, from: 0, to: end), with: .radau5, options: options)
        #expect(solution.status == .success && solution.statistics.acceptedSteps == steps)
        return zip(solution.finalState!, exact).map { abs($0 - $1) }.max()!
    }

    @Test func orderFiveOnAStiffLinearSystem() throws {
        // Eigenvalues −1e3, −1e4 and −1 ± 2i, mixed by an orthogonal matrix.
        let field = MixedLinearSystem()
        let y0 = [1.0, -0.5, 0.25, 2]
        let steps = [5, 10, 20, 40]
        let errors = try steps.map { try Self.fixedStepError(field, y0: y0, to: 1, steps: $0, exact: field.exact(at: 1, from: y0)) }
        let order = observedOrder(stepSizes: steps.map { 1 / Double($0) }, errors: errors, floor: 1e-14)
        #expect(abs(order - 5) <= 0.3, "observed order \(order), errors \(errors)")
    }

    @Test func stageOrderLimitsTheStiffProtheroRobinsonProblem() throws {
        // y' = M (y − g) + g' with eigenvalues −1e3, −1e4 and g = (sin t, cos 2t): in the stiff
        // regime |hλ| ≫ 1 the error is O(h^(q+1)/(hλ)) = O(h³/λ) with the stage order q = 3
        // (Hairer & Wanner IV.15: order reduction of Prothero and Robinson), not O(h⁵).
        let field = ProtheroRobinson()
        let steps = [4, 8, 16, 32]
        let errors = try steps.map { try Self.fixedStepError(field, y0: field.g(0), to: 1, steps: $0, exact: field.g(1)) }
        let order = observedOrder(stepSizes: steps.map { 1 / Double($0) }, errors: errors, floor: 1e-14)
        #expect(abs(order - 3) <= 0.3, "observed order \(order), errors \(errors)")
        // ... with the small constant 1/λ: h³/|λ_min| bounds the error.
        for (n, error) in zip(steps, errors) { #expect(error < pow(1 / Double(n), 3) / 1e3) }
    }

    @Test func denseOutputHasTheCollocationOrder() throws {
        // One step from the exact state of the harmonic oscillator; the cubic collocation
        // polynomial is accurate to O(h⁴) inside the step. (θ = 0.7: the h⁴ term of the error
        // nearly vanishes around θ = 0.4, where the slope looks like 5.)
        let field = ClosureVectorField(dimension: 2) { _, y, dy in
            dy[0] = y[1]
            dy[1] = -y[0]
        }
        var sizes: [Double] = []
        var errors: [Double] = []
        for h in [0.2, 0.1, 0.05, 0.025] {
            var options = SolverOptions.fixedStep(h)
            options.tolerance = Tolerance(relative: 1e-13, absolute: 1e-15)
            options.denseOutput = true
            let solution = try solve(try ODEProblem(field, y0: [0, 1], from: 0, to: h), with: .radau5, options: options)
            let t = 0.7 * h
            let y = try #require(solution.solution(at: t))
            sizes.append(h)
            errors.append(max(abs(y[0] - sin(t)), abs(y[1] - cos(t))))
        }
        let order = observedOrder(stepSizes: sizes, errors: errors, floor: 1e-15)
        #expect(abs(order - 4) <= 0.3, "local order \(order), errors \(errors)")
    }

    // MARK: Failures and reuse

    @Test func singularIterationMatrixEndsWithAStatus() throws {
        let problem = try ODEProblem(InfiniteJacobian(), y0: [0], from: 0, to: 1)
        let solution = try solve(problem, with: .radau5)
        #expect(solution.status == .singularMatrix, "\(solution.status): \(solution.message ?? "")")
        #expect(solution.message?.contains("singular") == true)
    }

    @Test func persistentNewtonDivergenceEndsWithAStatus() throws {
        let problem = try ODEProblem(WrongJacobian(), y0: [1], from: 0, to: 1)
        var options = SolverOptions()
        options.initialStepSize = 1e-3
        let solution = try solve(problem, with: .radau5, options: options)
        #expect(solution.status == .newtonDivergence, "\(solution.status): \(solution.message ?? "")")
    }

    @Test func fixedStepNewtonFailureEndsTheSolve() throws {
        // With a fixed step the iteration cannot be retried with a smaller one.
        let problem = try ODEProblem(WrongJacobian(), y0: [1], from: 0, to: 1)
        let solution = try solve(problem, with: .radau5, options: .fixedStep(0.1))
        #expect(!solution.status.isSuccess)
        #expect(solution.times.count == 1)
    }

    @Test func integratesBackwardsInTime() throws {
        let field = ClosureVectorField(dimension: 2) { _, y, dy in
            dy[0] = y[1]
            dy[1] = -y[0]
        }
        let problem = try ODEProblem(field, y0: [sin(2.0), cos(2.0)], from: 2, to: 0)
        let solution = try solve(problem, with: .radau5, options: SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12))
        #expect(solution.status == .success)
        let final = try #require(solution.finalState)
        #expect(abs(final[0]) < 1e-8 && abs(final[1] - 1) < 1e-8, "\(final)")
        #expect(abs(solution.solution(at: 1)![0] - sin(1.0)) < 1e-7)
    }

    @Test func proposedFactorDrivesRADAU5StepControl() throws {
        // A minimal accept/reject loop that takes the method's own factor (Gustafsson's
        // predictive controller), as a driver hook would.
        let reference = try ReferenceProblem.load("vanderpol_mu1000", from: Self.fixtures)
        let (states, statistics) = radau5Loop(
            reference.field, y0: reference.y0, times: reference.times, tolerance: Tolerance(relative: 1e-8, absolute: 1e-10))
        #expect(reference.maximumRelativeError(states) < 1e-5, "\(statistics)")
        #expect(statistics.factorizations < statistics.steps, "held step sizes reuse the factorisations: \(statistics)")
    }
}

func multiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    a.map { row in b[0].indices.map { j in row.indices.map { row[$0] * b[$0][j] }.reduce(0, +) } }
}
