import ContinuumODE
import Foundation
import Testing
import _TestSupport

/// Robertson's chemical kinetics (Hairer & Wanner II, IV.1), stiff with eigenvalues down to about
/// −10⁴ and a conservation law `y₁ + y₂ + y₃ = 1`.
private let robertsonField = ClosureVectorField(dimension: 3) { _, y, dy in
    dy[0] = -0.04 * y[0] + 1e4 * y[1] * y[2]
    dy[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1]
    dy[2] = 3e7 * y[1] * y[1]
}

/// The stiff reference problems of `shared/reference`, reproduced by every Rosenbrock method, and
/// the engine's bookkeeping and failure reporting.
@Suite struct RosenbrockTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func solveReference<F: VectorField>(
        _ reference: ReferenceProblem, field: F, method: RosenbrockMethod, rtol: Double, atol: Double
    ) throws -> Solution {
        let problem = try ODEProblem(field, y0: reference.y0, from: reference.t0, to: reference.times.last!)
        var options = SolverOptions(relativeTolerance: rtol, absoluteTolerance: atol)
        options.saveAt = reference.times
        options.maximumSteps = 1_000_000
        return try solve(problem, with: method, options: options)
    }

    /// Robertson to t = 10¹⁰ at rtol = 1e-8, atol = 1e-14; the floor 1e-12 applies to y₂ (≈ 8e-13 at
    /// the end; y₁ and y₃ stay above 2e-7).
    @Test(arguments: RosenbrockMethod.all.map(\.name))
    func reproducesRobertson(name: String) throws {
        let method = try #require(RosenbrockMethod.named(name))
        let reference = try ReferenceProblem.load("robertson", from: Self.fixtures)
        let solution = try Self.solveReference(reference, field: robertsonField, method: method, rtol: 1e-8, atol: 1e-14)
        #expect(solution.status == .success, "\(name): \(solution.message ?? "")")
        let error = reference.maximumRelativeError(solution.states, floor: 1e-12)
        #expect(error < 1e-5, "\(name): Robertson max relative error \(error), \(solution.statistics)")
    }

    /// Van der Pol with μ = 1000 on [0, 3000] at rtol = 1e-8, atol = 1e-10 (no reference value is
    /// below 7e-4 in magnitude, so the floor never applies).
    @Test(arguments: RosenbrockMethod.all.map(\.name))
    func reproducesVanDerPolMu1000(name: String) throws {
        let method = try #require(RosenbrockMethod.named(name))
        let reference = try ReferenceProblem.load("vanderpol_mu1000", from: Self.fixtures)
        let solution = try Self.solveReference(reference, field: reference.field, method: method, rtol: 1e-8, atol: 1e-10)
        #expect(solution.status == .success, "\(name): \(solution.message ?? "")")
        let error = reference.maximumRelativeError(solution.states, floor: 1e-12)
        #expect(error < 1e-5, "\(name): Van der Pol max relative error \(error), \(solution.statistics)")
    }

    /// With (central) finite differences every accepted step costs one Jacobian (`2n` evaluations,
    /// and two for `∂f/∂t`); a rejected step only a refactorisation and its stages.
    @Test(arguments: RosenbrockMethod.all.map(\.name))
    func statisticsCountJacobiansAndFactorisations(name: String) throws {
        let method = try #require(RosenbrockMethod.named(name))
        let problem = try ODEProblem(robertsonField, y0: [1, 0, 0], from: 0, to: 1e5)
        let solution = try solve(problem, with: method, options: SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-10))
        #expect(solution.status == .success)
        let stats = solution.statistics
        #expect(stats.jacobianEvaluations == stats.acceptedSteps)
        #expect(stats.factorizations == stats.acceptedSteps + stats.rejectedSteps)
        let s = method.tableau.stageCount
        let endEvaluations = method.tableau.isFSAL ? 0 : stats.acceptedSteps
        // f(t₀, y₀), HINIT's probe, Jacobians, stages, and f(t + h, y₁) of accepted steps.
        let expected = 2 + stats.jacobianEvaluations * (2 * 3 + 2) + (s - 1) * stats.steps + endEvaluations
        #expect(stats.functionEvaluations == expected, "\(name): \(stats)")
    }

    /// `y' = 4y` with the exact Jacobian 4 and Rodas4's γ = 1/4: a first step h = 1 makes
    /// `I/(hγ) − J` exactly zero. The step is rejected and the solve carries on with smaller steps.
    @Test func singularIterationMatrixRejectsTheStep() throws {
        let field = ScalarLinearField(rate: 4)
        let problem = try ODEProblem(field, y0: [1], from: 0, to: 1)
        var options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10)
        options.initialStepSize = 1
        let solution = try solve(problem, with: .rodas4, options: options)
        #expect(solution.status == .success, "\(solution.message ?? "")")
        #expect(solution.statistics.rejectedSteps >= 1)
        #expect(abs(solution.finalState![0] / exp(4.0) - 1) < 1e-7)
    }

    /// A Jacobian full of NaN makes every iteration matrix singular: the solve ends with a status
    /// (after ten attempts at the same state, reusing the one Jacobian), not a crash.
    @Test(arguments: RosenbrockMethod.all.map(\.name))
    func persistentlySingularMatrixEndsWithStatus(name: String) throws {
        let method = try #require(RosenbrockMethod.named(name))
        let problem = try ODEProblem(ScalarLinearField(rate: -1, jacobianValue: .nan), y0: [1], from: 0, to: 1)
        let solution = try solve(problem, with: method)
        #expect(solution.status == .singularMatrix)
        #expect(solution.message?.contains("NaN") == true, "\(solution.message ?? "")")
        #expect(solution.finalTime == 0)
        #expect(solution.statistics.jacobianEvaluations == 1)
        #expect(solution.statistics.factorizations == 10)
        #expect(solution.statistics.acceptedSteps == 0)
    }

    /// Backwards in time, across stop times (where the driver restarts the method), with the
    /// continuous extension read between steps: `y' = −cos(t) y²`, `y = 1/(1 + sin t)`.
    @Test(arguments: RosenbrockMethod.all.map(\.name))
    func integratesBackwardsAcrossStopTimes(name: String) throws {
        let method = try #require(RosenbrockMethod.named(name))
        let exact = BackwardsAcrossStopTimes.exact
        let solution = try BackwardsAcrossStopTimes.solve(with: method)
        #expect(solution.status == .success, "\(solution.message ?? "")")
        #expect(solution.finalTime == 0)
        #expect(solution.times.contains(1.5) && solution.times.contains(0.7))
        #expect(abs(solution.finalState![0] - 1) < 1e-6, "\(name): y(0) = \(solution.finalState![0])")
        for t in BackwardsAcrossStopTimes.denseTimes {
            let value = try #require(solution.solution(at: t))
            #expect(abs(value[0] - exact(t)) < 1e-6, "\(name): dense output at \(t)")
        }
    }

    @Test func catalogueAndLeadingDotAccess() throws {
        #expect(RosenbrockMethod.all.map(\.name) == ["rosenbrock23", "rodas4", "rodas5p"])
        #expect(RosenbrockMethod.named("Rodas5P")?.name == "rodas5p")
        #expect(RosenbrockMethod.named("dopri5") == nil)
        let problem = try ODEProblem(robertsonField, y0: [1, 0, 0], from: 0, to: 1)
        for method: RosenbrockMethod in [.rosenbrock23, .rodas4, .rodas5P] {
            let solution = try solve(problem, with: method)
            #expect(solution.status == .success)
            #expect(solution.methodName == method.name)
        }
        #expect(RosenbrockTableau.rosenbrock23.isFSAL)
        #expect(!RosenbrockTableau.rodas5P.isFSAL)
    }
}

/// `y' = λ y` with a hand-written Jacobian (which may be wrong on purpose).
private struct ScalarLinearField: DifferentiableVectorField {
    let rate: Double
    var jacobianValue: Double?
    init(rate: Double, jacobianValue: Double? = nil) {
        self.rate = rate
        self.jacobianValue = jacobianValue
    }
    var dimension: Int { 1 }
    var parameterCount: Int { 0 }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = rate * y[0]
    }
    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        stateProduct[0] = v[0] * (jacobianValue ?? rate)
    }
}
