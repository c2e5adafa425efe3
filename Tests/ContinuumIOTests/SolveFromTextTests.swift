import ContinuumIO
import ContinuumODE
import Foundation
import Testing

/// Solving systems given as text reproduces solves of the same systems written as closures.
@Suite struct SolveFromTextTests {
    @Test func lotkaVolterraMatchesTheClosure() throws {
        let (a, b, c, d) = (1.5, 1.0, 3.0, 1.0)
        let text = try ExpressionVectorField(
            rhs: "a*x - b*x*y, -c*y + d*x*y", variables: ["x", "y"],
            parameterNames: ["a", "b", "c", "d"], parameterValues: [a, b, c, d])
        let closure = ClosureVectorField(dimension: 2) { _, y, dy in
            dy[0] = a * y[0] - b * y[0] * y[1]
            dy[1] = -c * y[1] + d * y[0] * y[1]
        }
        var options = SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-10)
        options.saveAt = (0...100).map { Double($0) / 10 }
        let fromText = try solve(try ODEProblem(text, y0: [1, 1], from: 0, to: 10), with: .tsit5, options: options)
        let fromClosure = try solve(try ODEProblem(closure, y0: [1, 1], from: 0, to: 10), with: .tsit5, options: options)
        #expect(fromText.status == .success)
        #expect(fromText.times == fromClosure.times)
        #expect(fromText.statistics.functionEvaluations == fromClosure.statistics.functionEvaluations)
        #expect(agree(fromText.storage, fromClosure.storage, relative: 1e-12))

        // Different parameters through `withParameters` give a different, equally exact solve.
        let faster = ClosureVectorField(dimension: 2) { _, y, dy in
            dy[0] = 2 * y[0] - b * y[0] * y[1]
            dy[1] = -c * y[1] + d * y[0] * y[1]
        }
        let retuned = try solve(try ODEProblem(text.withParameters([2, b, c, d]), y0: [1, 1], from: 0, to: 10),
                                with: .tsit5, options: options)
        let reference = try solve(try ODEProblem(faster, y0: [1, 1], from: 0, to: 10), with: .tsit5, options: options)
        #expect(agree(retuned.storage, reference.storage, relative: 1e-12))
        #expect(!agree(retuned.storage, fromText.storage, relative: 1e-3))
    }

    @Test func timeDependentForcingBackwards() throws {
        let text = try ExpressionVectorField(rhs: "v, -k*x + cos(w*t)", variables: ["x", "v"],
                                             parameterNames: ["k", "w"], parameterValues: [4, 1.5])
        let closure = ClosureVectorField(dimension: 2) { t, y, dy in
            dy[0] = y[1]
            dy[1] = -4 * y[0] + cos(1.5 * t)
        }
        let options = SolverOptions(relativeTolerance: 1e-9, absoluteTolerance: 1e-12)
        let one = try solve(try ODEProblem(text, y0: [1, 0], from: 5, to: -5), with: .dopri5, options: options)
        let two = try solve(try ODEProblem(closure, y0: [1, 0], from: 5, to: -5), with: .dopri5, options: options)
        #expect(agree(one.finalState!, two.finalState!, relative: 1e-12))
    }
}
