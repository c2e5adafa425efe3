import ContinuumODE
import Foundation

/// The deep limit of residual networks: with the weights sampled from one continuous `θ(t)`,
/// the blocks of depth `N` are `N` steps of their integrator on `x' = f(x, θ(t))`, so their
/// output approaches the neural ODE's flow at the integrator's order, `‖x_N − x(T)‖ = O(N^{−p})`.
public enum DeepLimit {
    /// One measurement: the scheme, the depth and the max-norm distance to the neural ODE.
    public struct Point: Sendable, Hashable {
        public let scheme: String
        public let depth: Int
        public let error: Double

        public init(scheme: String, depth: Int, error: Double) {
            self.scheme = scheme
            self.depth = depth
            self.error = error
        }
    }

    /// The neural ODE's features at `T` from `features` (`rows × width`), by DOP853 at
    /// tolerance `tolerance`.
    public static func reference(
        _ net: ResNet, parameters: [Double], features: [Double], tolerance: Double = 1e-13
    ) throws(ResNetError) -> [Double] {
        let field = ResNetVectorField(network: net, parameters: parameters, rows: features.count / net.width)
        let solution: Solution
        do {
            let problem = try ODEProblem(field, y0: features, from: 0, to: net.horizon)
            var options = SolverOptions(relativeTolerance: tolerance, absoluteTolerance: tolerance)
            options.saveAt = [net.horizon]
            solution = try solve(problem, with: .dop853, options: options)
        } catch {
            throw .invalidConfiguration("the reference neural ODE could not be solved: \(error)")
        }
        guard solution.status == .success, let last = solution.finalState else {
            throw .invalidConfiguration("the reference neural ODE solve stopped early: \(solution.status)")
        }
        return last
    }

    /// `max |x_N − x(T)|` over `features` for every depth, with `net`'s scheme and `θ(t)`
    /// (a continuous ``WeightSchedule``, so every depth shares `parameters`).
    public static func errors(
        _ net: ResNet, parameters: [Double], features: [Double], reference: [Double], depths: [Int]
    ) throws(ResNetError) -> [Point] {
        guard net.schedule.isContinuous else {
            throw .invalidConfiguration("the deep limit needs a continuous θ(t) (piecewise-linear or Legendre)")
        }
        var points: [Point] = []
        for depth in depths {
            let deep = try net.withDepth(depth)
            let workspace = deep.makeWorkspace(batchCapacity: features.count / net.width)
            var output = [Double](repeating: 0, count: features.count)
            parameters.withUnsafeBufferPointer { p in
                features.withUnsafeBufferPointer { x in
                    output.withUnsafeMutableBufferPointer { deep.flow(x, parameters: p, into: $0, workspace: workspace) }
                }
            }
            let error = zip(output, reference).map { abs($0 - $1) }.max() ?? 0
            points.append(Point(scheme: net.scheme.name, depth: depth, error: error))
        }
        return points
    }

    /// The least-squares slope of `−log error` against `log depth` over the points whose error
    /// lies above `floor` (round-off) and whose depth is at least `minimumDepth` (the
    /// asymptotic range): the observed order. Nil with fewer than two such points.
    public static func observedOrder(_ points: [Point], floor: Double = 1e-12, minimumDepth: Int = 1) -> Double? {
        let used = points.filter { $0.error > floor && $0.depth >= minimumDepth }
        guard used.count >= 2 else { return nil }
        let x = used.map { log(Double($0.depth)) }
        let y = used.map { -log($0.error) }
        let mx = x.reduce(0, +) / Double(x.count)
        let my = y.reduce(0, +) / Double(y.count)
        let sxy = zip(x, y).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
        let sxx = x.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
        return sxy / sxx
    }
}
