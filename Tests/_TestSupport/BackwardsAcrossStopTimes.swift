import ContinuumODE
import Foundation

/// The shared problem of the "backwards across stop times" tests: `y' = −cos(t) y²` from t = 2 to 0,
/// exact solution `y = 1/(1 + sin t)`, with stop times 1.5 and 0.7 (where the driver restarts the
/// method) and the continuous extension read between steps.
public enum BackwardsAcrossStopTimes {
    /// The exact solution.
    public static func exact(_ t: Double) -> Double { 1 / (1 + sin(t)) }

    /// Interior times at which tests read the dense output.
    public static let denseTimes: [Double] = [1.9, 1.2, 0.33]

    /// Solves the problem with `method` at rtol 1e-9, atol 1e-12.
    public static func solve<S: ODESolver>(with method: S) throws -> Solution {
        let field = ClosureVectorField(dimension: 1) { t, y, dy in dy[0] = -cos(t) * y[0] * y[0] }
        let problem = try ODEProblem(field, y0: [exact(2)], from: 2, to: 0)
        var options = SolverOptions(relativeTolerance: 1e-9, absoluteTolerance: 1e-12)
        options.stopTimes = [1.5, 0.7]
        return try ContinuumODE.solve(problem, with: method, options: options)
    }
}
