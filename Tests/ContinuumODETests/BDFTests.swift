@testable import ContinuumODE
import Foundation
import Testing
import _TestSupport

/// `y' = A(y − g(t)) + g'(t)` with `A = Q B Qᵀ`, `B = diag([[−0.1, 1], [−1, −0.1]], −10⁴)` and `Q` the
/// Householder reflection of `(1, 1, 1)`; the exact solution is `y = g`, which also forces the stiff
/// mode. The exact Jacobian `A` is supplied.
private struct StiffLinearField: JacobianField {
    static let a: [[Double]] = {
        let q = (0..<3).map { i in (0..<3).map { j in (i == j ? 1.0 : 0.0) - 2.0 / 3.0 } }
        let b: [[Double]] = [[-0.1, 1, 0], [-1, -0.1, 0], [0, 0, -1e4]]
        return (0..<3).map { i in
            (0..<3).map { j in (0..<3).reduce(0.0) { s, k in s + (0..<3).reduce(0.0) { $0 + q[i][k] * b[k][$1] * q[j][$1] } } }
        }
    }()
    static func g(_ t: Double) -> [Double] { [2 + sin(t), cos(2 * t), 0.5 * sin(t) + 1] }
    static func gDot(_ t: Double) -> [Double] { [cos(t), -2 * sin(2 * t), 0.5 * cos(t)] }

    var dimension: Int { 3 }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        let (g, gDot) = (Self.g(t), Self.gDot(t))
        for i in 0..<3 { dy[i] = gDot[i] + (0..<3).reduce(0.0) { $0 + Self.a[i][$1] * (y[$1] - g[$1]) } }
    }
    func jacobian(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ jacobian: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<3 { for j in 0..<3 { jacobian[i * 3 + j] = Self.a[i][j] } }
    }
}

/// Variable-order BDF and NDF: the stiff reference problems, observed orders, order selection,
/// reuse of Jacobians and factorisations, dense output, restarts and failures.
@Suite struct BDFTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    static let methods: [BDFMethod] = [.bdf, .ndf]

    /// Solves through the driver and also returns the method's workspace (order statistics).
    static func solveKeepingWorkspace<F: VectorField>(
        _ problem: ODEProblem<F>, _ method: BDFMethod, _ options: SolverOptions
    ) throws -> (Solution, BDFWorkspace) {
        let plan = try IntegrationPlan(problem: problem, solver: method, options: options)
        var integrator = Integrator(problem: problem, solver: method, options: options, plan: plan)
        integrator.run()
        return (integrator.solution, integrator.workspace)
    }

    static func reproduce<F: VectorField>(
        _ name: String, field: F, method: BDFMethod, atol: Double, controller: StepSizeController = .methodDefault
    ) throws -> (error: Double, solution: Solution) {
        let reference = try ReferenceProblem.load(name, from: fixtures)
        let problem = try ODEProblem(field, y0: reference.y0, from: reference.t0, to: reference.times.last!)
        var options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: atol)
        options.saveAt = reference.times
        options.maximumSteps = 1_000_000
        options.controller = controller
        let solution = try solve(problem, with: method, options: options)
        // Relative error with Robertson's floor 1e-12 for y₂, as for the Rosenbrock methods.
        return (reference.maximumRelativeError(solution.states, floor: 1e-12), solution)
    }

    /// Robertson to t = 10¹⁰ at rtol = 1e-8, atol = 1e-14 (the floor 1e-12 applies to y₂ ≈ 8e-13),
    /// with the method's own step sizes and with the driver's PI controller.
    @Test(arguments: methods.map(\.name), [true, false])
    func reproducesRobertson(name: String, ownSteps: Bool) throws {
        let method = try #require(Self.methods.first { $0.name == name })
        let controller = ownSteps ? StepSizeController.methodDefault : .pi(PIController(beta: 0))
        let (error, solution) = try Self.reproduce("robertson", field: Robertson(), method: method, atol: 1e-14, controller: controller)
        #expect(solution.status == .success, "\(name): \(solution.message ?? "")")
        #expect(error < 1e-5, "\(name): Robertson max relative error \(error), \(solution.statistics)")
    }

    /// Van der Pol with μ = 1000 on [0, 3000] at rtol = 1e-8, atol = 1e-10.
    @Test(arguments: methods.map(\.name), [true, false])
    func reproducesVanDerPolMu1000(name: String, ownSteps: Bool) throws {
        let method = try #require(Self.methods.first { $0.name == name })
        let reference = try ReferenceProblem.load("vanderpol_mu1000", from: Self.fixtures)
        let controller = ownSteps ? StepSizeController.methodDefault : .pi(PIController(beta: 0))
        let (error, solution) = try Self.reproduce(
            "vanderpol_mu1000", field: reference.field, method: method, atol: 1e-10, controller: controller)
        #expect(solution.status == .success, "\(name): \(solution.message ?? "")")
        #expect(error < 1e-5, "\(name): Van der Pol max relative error \(error), \(solution.statistics)")
    }

    /// Fixed steps at fixed order `k` from an exact starting history, on the stiff linear problem
    /// (`|hλ|` of the stiff mode from 10⁴ down to about 20): global order within ±0.3 of `k`, and
    /// the continuous extension converges at the same rate.
    @Test(arguments: BDFMethod.Formula.allCases, 1...5)
    func stiffLinearProblemHasNominalOrder(formula: BDFMethod.Formula, order k: Int) throws {
        var method = BDFMethod.fixedOrder(k, formula: formula)
        method.startingHistory = { StiffLinearField.g($0) }
        let counts = (0..<9).map { 8 << $0 }
        var errors: [Double] = []
        var denseErrors: [Double] = []
        for n in counts {
            let h = 2 / Double(n)
            let problem = try ODEProblem(StiffLinearField(), y0: StiffLinearField.g(0), from: 0, to: 2)
            var options = SolverOptions.fixedStep(h)
            options.denseOutput = true
            let solution = try solve(problem, with: method, options: options)
            try #require(solution.status == .success, "\(formula) \(k), \(n) steps: \(solution.message ?? "")")
            #expect(solution.statistics.acceptedSteps == n)
            errors.append(zip(solution.finalState!, StiffLinearField.g(2)).map { abs($0 - $1) }.max()!)
            let t = 2 - 0.6 * h
            denseErrors.append(zip(solution.solution(at: t)!, StiffLinearField.g(t)).map { abs($0 - $1) }.max()!)
        }
        let steps = counts.map { 2 / Double($0) }
        for (label, e) in [("solution", errors), ("dense output", denseErrors)] {
            let usable = Array(zip(steps, e).filter { $0.1 > 1e-12 && $0.1 < 1e-2 }.suffix(3))
            try #require(usable.count == 3, "\(formula) \(k): too few usable errors \(e)")
            let observed = observedOrder(stepSizes: usable.map(\.0), errors: usable.map(\.1))
            #expect(abs(observed - Double(k)) <= 0.3, "\(formula) order \(k) \(label): observed \(observed); errors \(e)")
        }
    }

    /// On Van der Pol the order selection climbs above 1 and spends most steps at orders ≥ 3; the
    /// orders in the histogram add up to the accepted steps.
    @Test(arguments: methods.map(\.name))
    func orderSelectionUsesHighOrders(name: String) throws {
        let method = try #require(Self.methods.first { $0.name == name })
        let reference = try ReferenceProblem.load("vanderpol_mu1000", from: Self.fixtures)
        let problem = try ODEProblem(reference.field, y0: reference.y0, from: 0, to: 3000)
        let (solution, workspace) = try Self.solveKeepingWorkspace(problem, method, SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-6))
        #expect(solution.status == .success)
        let histogram = workspace.acceptedStepsByOrder
        #expect(histogram.reduce(0, +) == solution.statistics.acceptedSteps)
        let high = histogram[2...].reduce(0, +)
        #expect(2 * high > solution.statistics.acceptedSteps, "\(name): steps per order \(histogram)")
        #expect(histogram[4] > 0, "\(name): steps per order \(histogram)")
    }

    /// Jacobians are evaluated only when an iteration with an older one fails, and factorisations
    /// reused while the step size is kept: both far fewer than the steps.
    @Test(arguments: methods.map(\.name))
    func reusesJacobiansAndFactorisations(name: String) throws {
        let method = try #require(Self.methods.first { $0.name == name })
        let problem = try ODEProblem(Robertson(), y0: [1, 0, 0], from: 0, to: 1e11)
        let solution = try solve(problem, with: method, options: SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-10))
        #expect(solution.status == .success, "\(solution.message ?? "")")
        let stats = solution.statistics
        #expect(stats.jacobianEvaluations * 10 < stats.steps, "\(name): \(stats)")
        #expect(stats.factorizations * 3 < stats.steps, "\(name): \(stats)")
        #expect(stats.functionEvaluations < 4 * stats.steps + 4 * stats.jacobianEvaluations, "\(name): \(stats)")
    }

    /// Backwards in time across stop times (where the history restarts at order 1), with the
    /// continuous extension read between steps: `y' = −cos(t) y²`, `y = 1/(1 + sin t)`.
    @Test(arguments: methods.map(\.name))
    func integratesBackwardsAcrossStopTimes(name: String) throws {
        let method = try #require(Self.methods.first { $0.name == name })
        let exact = BackwardsAcrossStopTimes.exact
        let solution = try BackwardsAcrossStopTimes.solve(with: method)
        #expect(solution.status == .success, "\(solution.message ?? "")")
        #expect(solution.times.contains(1.5) && solution.times.contains(0.7) && solution.finalTime == 0)
        #expect(abs(solution.finalState![0] - 1) < 1e-6, "\(name): y(0) = \(solution.finalState![0])")
        for t in BackwardsAcrossStopTimes.denseTimes {
            let value = try #require(solution.solution(at: t))
            #expect(abs(value[0] - exact(t)) < 1e-6, "\(name): dense output at \(t): \(value[0] - exact(t))")
        }
    }

    /// `y' = −√|y|` from 0 has an infinite Jacobian, so every iteration matrix is singular: the
    /// solve ends with a status after ten attempts at the same state, reusing the one Jacobian.
    @Test func persistentlySingularMatrixEndsWithStatus() throws {
        let problem = try ODEProblem(InfiniteJacobian(), y0: [0], from: 0, to: 1)
        let solution = try solve(problem, with: .bdf)
        #expect(solution.status == .singularMatrix)
        #expect(solution.message?.contains("NaN or infinity") == true, "\(solution.message ?? "")")
        #expect(solution.finalTime == 0)
        #expect(solution.statistics.jacobianEvaluations == 1)
        #expect(solution.statistics.factorizations == 10)
        #expect(solution.statistics.acceptedSteps == 0)
    }

    /// `y' = −10¹² y` with a Jacobian of the wrong sign: the simplified Newton iteration diverges
    /// for every step above about 10⁻¹², also with a fresh Jacobian; after ten attempts the solve
    /// ends with `.newtonDivergence` at t = 0.
    @Test func persistentNewtonDivergenceEndsWithStatus() throws {
        let problem = try ODEProblem(WrongJacobian(), y0: [1], from: 0, to: 1)
        var options = SolverOptions()
        options.initialStepSize = 1e-3
        let solution = try solve(problem, with: .bdf, options: options)
        #expect(solution.status == .newtonDivergence, "\(solution.status): \(solution.message ?? "")")
        #expect(solution.finalTime == 0 && solution.statistics.acceptedSteps == 0)
        #expect(solution.statistics.rejectedSteps == 10, "\(solution.statistics)")
    }

    /// `y' = y²`, `y(0) = 1` blows up at t = 1: the step shrinks towards the singularity and the
    /// solve ends there with a failure status, not a crash or a wrong success.
    @Test(arguments: methods.map(\.name))
    func blowUpEndsWithStatus(name: String) throws {
        let method = try #require(Self.methods.first { $0.name == name })
        let field = ClosureVectorField(dimension: 1) { _, y, dy in dy[0] = y[0] * y[0] }
        let problem = try ODEProblem(field, y0: [1], from: 0, to: 2)
        let solution = try solve(problem, with: method)
        #expect(!solution.status.isSuccess, "\(name): \(solution.status)")
        let end = try #require(solution.finalTime)
        #expect(end < 1 && end > 0.99, "\(name): ended at \(end) with \(solution.status): \(solution.message ?? "")")
    }

    /// A right-hand side that is NaN beyond t = 0.5 ends the solve with `.nonFiniteState` there.
    @Test func nonFiniteRightHandSideEndsWithStatus() throws {
        let field = ClosureVectorField(dimension: 1) { t, y, dy in dy[0] = t > 0.5 ? .nan : -y[0] }
        let problem = try ODEProblem(field, y0: [1], from: 0, to: 1)
        let solution = try solve(problem, with: .bdf)
        #expect(solution.status == .nonFiniteState, "\(solution.status): \(solution.message ?? "")")
        #expect(abs(solution.finalTime! - 0.5) < 1e-6)
    }

    @Test func namesAndLeadingDotAccess() throws {
        #expect(BDFMethod.bdf.name == "bdf" && BDFMethod.ndf.name == "ndf")
        #expect(BDFMethod.fixedOrder(3).name == "bdf3" && BDFMethod(maximumOrder: 2).name == "bdf-max2")
        let problem = try ODEProblem(Robertson(), y0: [1, 0, 0], from: 0, to: 1)
        for method: BDFMethod in [.bdf, .ndf] {
            let solution = try solve(problem, with: method)
            #expect(solution.status == .success && solution.methodName == method.name)
        }
    }
}
