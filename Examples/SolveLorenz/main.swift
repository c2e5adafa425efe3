import Continuum

// User story 1: solve an ODE from Swift. The Lorenz system with Tsitouras 5(4), then read the
// continuous solution between steps and locate the first time x crosses zero.

let problem = try ODEProblem(y0: [1, 0, 0], from: 0, to: 20) { _, y, dy in
    dy[0] = 10 * (y[1] - y[0])
    dy[1] = y[0] * (28 - y[2]) - y[1]
    dy[2] = y[0] * y[1] - 8.0 / 3.0 * y[2]
}
var options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10)
options.events = [ODEEvent(direction: .falling) { _, y in y[0] }]
let solution = try solve(problem, with: .tsit5, options: options)

print("status:", solution.status, "steps:", solution.statistics.acceptedSteps)
print("y(20) =", solution.finalState!)
print("y(10.5) =", solution.solution(at: 10.5)!)
if let first = solution.events.first { print("x first falls through 0 at t =", first.time) }
