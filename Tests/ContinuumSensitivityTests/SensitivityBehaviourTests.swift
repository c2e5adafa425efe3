import ContinuumModels
import ContinuumODE
import ContinuumSensitivity
import Testing

@Suite("Sensitivity: solvers, options and misuse")
struct SensitivityBehaviourTests {
    static let reference = ReferenceGradient.lotkaVolterra

    /// Implicit solvers differentiate too: forward sensitivities through Radau IIA, and the
    /// continuous adjoints solved backwards with Rodas5P.
    @Test(arguments: [SensitivityMethod.forward, .backsolve(), .interpolating(), .quadrature])
    func stiffSolvers(method: SensitivityMethod) throws {
        let reference = Self.reference
        let options = SolverOptions(relativeTolerance: 1e-9, absoluteTolerance: 1e-11)
        let result = try gradient(
            of: SumOfSquaresLoss(), at: reference.times, for: reference.problem(), with: RadauIIA5.radau5,
            backwardSolver: RosenbrockMethod.rodas5P, options: options, sensitivity: method)
        let error = relativeDifference(result.parameterGradient, reference.gradient)
        #expect(error < 1e-5, "\(method.name): relative error \(error)")
    }

    /// The seminorm leaves the accumulated parameter gradient out of the backward error control,
    /// so the backsolve adjoint takes no more steps (Kidger, Chen & Lyons 2021).
    @Test func seminormSavesSteps() throws {
        let reference = Self.reference
        let options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10)
        func steps(_ seminorm: Bool) throws -> Int {
            try gradient(
                of: SumOfSquaresLoss(), at: reference.times, for: reference.problem(), with: .dopri5,
                options: options, sensitivity: .backsolve(seminorm: seminorm)
            ).statistics.backward.steps
        }
        let with = try steps(true), without = try steps(false)
        #expect(with < without, "seminorm \(with) steps, full norm \(without)")
    }

    @Test func rejectsBadTimes() throws {
        let problem = Self.reference.problem()
        let cases: [[Double]] = [[], [2, 1], [1, .nan], [11], [-1, 2]]
        for times in cases {
            #expect(throws: SensitivityError.self) {
                try gradient(of: SumOfSquaresLoss(), at: times, for: problem, with: .tsit5, sensitivity: .forward)
            }
        }
    }

    @Test func discreteAdjointNeedsExplicitRungeKutta() throws {
        let problem = Self.reference.problem()
        #expect(throws: SensitivityError.self) {
            try gradient(of: SumOfSquaresLoss(), at: [1], for: problem, with: RadauIIA5.radau5, sensitivity: .discrete())
        }
    }

    /// A forward solve that fails is reported, not differentiated.
    @Test func failedForwardSolveThrows() throws {
        let problem = Self.reference.problem(parameters: [1.5, -10, 3, 1], y0: [50, 50])
        var options = SolverOptions()
        options.maximumSteps = 50
        do {
            _ = try gradient(of: SumOfSquaresLoss(), at: [10], for: problem, with: .tsit5, options: options, sensitivity: .interpolating())
            Issue.record("expected a failure")
        } catch {
            guard case .forwardSolveFailed = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    /// Integrating backwards in time: the gradient of a loss at t = -1 from y(0).
    @Test func backwardTimeSpan() throws {
        let field = LotkaVolterra(Self.reference.parameterValues)
        let problem = try ODEProblem(field, y0: [1, 1], from: 0, to: -1)
        let options = SolverOptions(relativeTolerance: 1e-11, absoluteTolerance: 1e-13)
        let forward = try gradient(of: SumOfSquaresLoss(), at: [-0.5, -1], for: problem, with: .dop853, options: options, sensitivity: .forward)
        for method in [SensitivityMethod.discrete(), .backsolve(), .interpolating(), .quadrature] {
            let result = try gradient(of: SumOfSquaresLoss(), at: [-0.5, -1], for: problem, with: .dop853, options: options, sensitivity: method)
            #expect(relativeDifference(result.parameterGradient, forward.parameterGradient) < 1e-7, "\(method.name)")
            #expect(relativeDifference(result.initialStateGradient, forward.initialStateGradient) < 1e-7, "\(method.name)")
        }
    }
}
