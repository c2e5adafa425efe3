import ContinuumODE
import Foundation
import Testing
import _TestSupport

/// The non-stiff reference problems of `shared/reference`, reproduced by the workhorse methods.
@Suite struct ReferenceSolutionTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    static let problems = ["lorenz", "vanderpol_mu1", "brusselator", "lotka_volterra"]

    func solveReference(_ name: String, method: ExplicitRungeKutta, rtol: Double, atol: Double) throws -> Double {
        let reference = try ReferenceProblem.load(name, from: Self.fixtures)
        let problem = try ODEProblem(reference.field, y0: reference.y0, from: reference.t0, to: reference.times.last!)
        var options = SolverOptions(relativeTolerance: rtol, absoluteTolerance: atol)
        options.saveAt = reference.times
        let solution = try solve(problem, with: method, options: options)
        #expect(solution.status == .success, "\(name) with \(method.name): \(solution.message ?? "")")
        return reference.maximumRelativeError(solution.states)
    }

    @Test(arguments: problems, ["dopri5", "tsit5", "vern6", "dop853"])
    func reproducesReferenceAtTightTolerance(problem: String, methodName: String) throws {
        let method = try #require(ExplicitRungeKutta.named(methodName))
        let error = try solveReference(problem, method: method, rtol: 1e-10, atol: 1e-12)
        #expect(error < 1e-7, "\(problem) with \(methodName): max relative error \(error)")
    }

    @Test(arguments: problems)
    func dop853ReproducesReferenceAtVeryTightTolerance(problem: String) throws {
        let error = try solveReference(problem, method: .dop853, rtol: 1e-13, atol: 1e-15)
        #expect(error < 1e-10, "\(problem): max relative error \(error)")
    }

    @Test func arenstorfOrbitClosesAfterOnePeriod() throws {
        let reference = try ReferenceProblem.load("arenstorf", from: Self.fixtures)
        let period = reference.times[0]
        let problem = try ODEProblem(reference.field, y0: reference.y0, from: 0, to: period)
        var options = SolverOptions(relativeTolerance: 1e-12, absoluteTolerance: 1e-12)
        options.saveAt = [period]
        let solution = try solve(problem, with: .dop853, options: options)
        #expect(solution.status == .success)
        let final = try #require(solution.finalState)
        let distance = zip(final, reference.y0).map { abs($0 - $1) }.max()!
        #expect(distance < 1e-6, "returned within \(distance) of the start")
    }

    @Test func denseOutputMatchesReferenceBetweenSteps() throws {
        // Solve without save-at times, then read the reference times off the continuous extension.
        let reference = try ReferenceProblem.load("lorenz", from: Self.fixtures)
        let problem = try ODEProblem(reference.field, y0: reference.y0, from: 0, to: reference.times.last!)
        for method in [ExplicitRungeKutta.dopri5, .tsit5, .vern6, .dop853] {
            let solution = try solve(problem, with: method, options: SolverOptions(relativeTolerance: 1e-11, absoluteTolerance: 1e-13))
            #expect(solution.hasDenseOutput)
            let interpolated = reference.times.map { solution.solution(at: $0)! }
            let error = reference.maximumRelativeError(interpolated)
            #expect(error < 1e-7, "\(method.name): dense output max relative error \(error)")
        }
    }

    @Test func integratesBackwardsInTime() throws {
        // Lotka-Volterra from the reference state at t = 10 back to t = 0 recovers y0.
        let reference = try ReferenceProblem.load("lotka_volterra", from: Self.fixtures)
        let problem = try ODEProblem(reference.field, y0: reference.states.last!, from: reference.times.last!, to: 0)
        let solution = try solve(problem, with: .dop853, options: SolverOptions(relativeTolerance: 1e-12, absoluteTolerance: 1e-14))
        #expect(solution.status == .success)
        #expect(solution.finalTime == 0)
        let final = try #require(solution.finalState)
        for (a, b) in zip(final, reference.y0) { #expect(abs(a - b) < 1e-8) }
        #expect(zip(solution.times, solution.times.dropFirst()).allSatisfy { $0 > $1 })
    }
}
