import Continuum
import Foundation

// The command-line tool. Until the subcommands of the CLI issue land, it runs the demonstration
// job: the Lorenz system solved with Dopri5, printed as a table with the solver's statistics.

let arguments = CommandLine.arguments.dropFirst()
if let first = arguments.first, first != "lorenz" {
    FileHandle.standardError.write(Data("continuum: unknown command '\(first)'; available: lorenz\n".utf8))
    exit(2)
}

do {
    let problem = try ODEProblem(y0: [1, 0, 0], from: 0, to: 20) { _, y, dy in
        dy[0] = 10 * (y[1] - y[0])
        dy[1] = y[0] * (28 - y[2]) - y[1]
        dy[2] = y[0] * y[1] - 8.0 / 3.0 * y[2]
    }
    var options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-8)
    options.saveAt = stride(from: 0.0, through: 20, by: 1).map { $0 }
    let solution = try solve(problem, with: .dopri5, options: options)
    print("t,x,y,z")
    for (t, y) in zip(solution.times, solution.states) {
        print([t, y[0], y[1], y[2]].map { String(format: "%.10g", $0) }.joined(separator: ","))
    }
    let s = solution.statistics
    FileHandle.standardError.write(Data(
        "status: \(solution.status.rawValue); steps: \(s.acceptedSteps) accepted, \(s.rejectedSteps) rejected; f evaluations: \(s.functionEvaluations)\n".utf8))
    exit(solution.status.isSuccess ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("continuum: \(error)\n".utf8))
    exit(2)
}
