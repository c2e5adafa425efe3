import ContinuumODE
import Foundation
import Testing
import _TestSupport

/// The automatic Tsit5 ⇄ Rodas5P method: stays explicit on non-stiff problems, switches on stiff
/// ones, and is accurate either way.
@Suite struct AutoSwitchingTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    func solveReference(_ name: String, rtol: Double, atol: Double) throws -> (Solution, Double) {
        let reference = try ReferenceProblem.load(name, from: Self.fixtures)
        let problem = try ODEProblem(reference.field, y0: reference.y0, from: reference.t0, to: reference.times.last!)
        var options = SolverOptions(relativeTolerance: rtol, absoluteTolerance: atol)
        options.saveAt = reference.times
        options.maximumSteps = 1_000_000
        let solution = try solve(problem, with: .autoTsit5Rodas5P, options: options)
        return (solution, reference.maximumRelativeError(solution.states))
    }

    @Test func nonStiffProblemStaysExplicit() throws {
        let (solution, error) = try solveReference("lorenz", rtol: 1e-10, atol: 1e-12)
        #expect(solution.status == .success)
        #expect(error < 1e-7)
        #expect(solution.statistics.jacobianEvaluations == 0)
    }

    @Test func stiffVanDerPolSwitchesAndStaysAccurate() throws {
        let (solution, error) = try solveReference("vanderpol_mu1000", rtol: 1e-8, atol: 1e-10)
        #expect(solution.status == .success, "\(solution.message ?? "")")
        #expect(error < 1e-5, "max relative error \(error)")
        #expect(solution.statistics.jacobianEvaluations > 0)
        // Both methods ran: Rodas5P evaluates one Jacobian per step, Tsit5 none.
        #expect(solution.statistics.jacobianEvaluations < solution.statistics.acceptedSteps)
        // Far fewer steps than an explicit method needs (Dopri5 gives up as stiff).
        #expect(solution.statistics.acceptedSteps < 20_000, "\(solution.statistics)")
    }
}
