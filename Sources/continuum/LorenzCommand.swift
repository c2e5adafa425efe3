import Continuum
import Foundation

/// `continuum lorenz`: the demonstration job: the Lorenz system solved with Dopri5 and printed as a
/// CSV table at integer times, with the solver's statistics on standard error.
enum LorenzCommand: Subcommand {
    static let name = "lorenz"
    static let summary = "Solve the Lorenz system (σ=10, ρ=28, β=8/3) from (1,0,0) to t=20 with Dopri5 and print x, y, z at integer times."
    static let usage = "continuum lorenz [--plot FILE.svg]"
    static let options = [
        OptionSpec(name: "plot", value: "FILE.svg", help: "also plot x, y, z against t as SVG"),
        OptionSpec(name: "help", value: nil, help: "show this help"),
    ]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        let problem = try ODEProblem(y0: [1, 0, 0], from: 0, to: 20) { _, y, dy in
            dy[0] = 10 * (y[1] - y[0])
            dy[1] = y[0] * (28 - y[2]) - y[1]
            dy[2] = y[0] * y[1] - 8.0 / 3.0 * y[2]
        }
        var options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-8)
        options.saveAt = (0...20).map(Double.init)
        options.denseOutput = true
        let solution = try solve(problem, with: .dopri5, options: options)
        print(SolutionFormat.csv.render(solution, variables: ["x", "y", "z"]), terminator: "")
        if let path = arguments["plot"] {
            try SolutionPlot.write(solution, variables: ["x", "y", "z"], to: path)
        }
        let s = solution.statistics
        printError("status: \(solution.status.rawValue); steps: \(s.acceptedSteps) accepted, \(s.rejectedSteps) rejected; f evaluations: \(s.functionEvaluations)")
        return solution.status.isSuccess ? 0 : 1
    }
}
