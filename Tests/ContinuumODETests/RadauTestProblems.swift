import ContinuumNumerics
import ContinuumODE
import Foundation

/// Robertson's chemical kinetics (Hairer & Wanner II, IV.1).
struct Robertson: VectorField {
    var dimension: Int { 3 }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = -0.04 * y[0] + 1e4 * y[1] * y[2]
        dy[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1]
        dy[2] = 3e7 * y[1] * y[1]
    }
}

/// A field with a hand-written Jacobian and no parameters; `vjp` is assembled from the Jacobian.
protocol JacobianField: DifferentiableVectorField {}

extension JacobianField {
    var parameterCount: Int { 0 }
    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        let n = dimension
        var j = [Double](repeating: 0, count: n * n)
        j.withUnsafeMutableBufferPointer { jacobian(t, y, $0) }
        for k in 0..<n { stateProduct[k] = (0..<n).map { v[$0] * j[$0 * n + k] }.reduce(0, +) }
    }
}

/// Van der Pol in Liénard-free form `y₁' = y₂`, `y₂' = μ(1 − y₁²)y₂ − y₁`, with its exact Jacobian.
struct VanDerPol: JacobianField {
    let mu: Double
    var dimension: Int { 2 }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = y[1]
        dy[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0]
    }
    func jacobian(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ j: UnsafeMutableBufferPointer<Double>) {
        j[0] = 0
        j[1] = 1
        j[2] = -2 * mu * y[0] * y[1] - 1
        j[3] = mu * (1 - y[0] * y[0])
    }
}

/// `y' = M y` with `M = Q D Qᵀ`, `D = diag(−1e3, −1e4, [[−1, 2], [−2, −1]])` and `Q` the Householder
/// reflection along (1, 2, 3, 4): stiff transients and a slow oscillation, solvable exactly.
struct MixedLinearSystem: JacobianField {
    static let v = [1.0, 2, 3, 4]
    static let q: [[Double]] = (0..<4).map { i in
        (0..<4).map { j -> Double in
            let identity: Double = i == j ? 1 : 0
            return identity - 2 * v[i] * v[j] / 30
        }
    }
    static let d: [[Double]] = [[-1e3, 0, 0, 0], [0, -1e4, 0, 0], [0, 0, -1, 2], [0, 0, -2, -1]]
    static let m = multiply(q, multiply(d, q))
    var dimension: Int { 4 }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<4 { dy[i] = Self.m[i][0] * y[0] + Self.m[i][1] * y[1] + Self.m[i][2] * y[2] + Self.m[i][3] * y[3] }
    }
    func jacobian(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ j: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<4 { for k in 0..<4 { j[i * 4 + k] = Self.m[i][k] } }
    }
    /// `Q exp(D t) Qᵀ y0`.
    func exact(at t: Double, from y0: [Double]) -> [Double] {
        let (c, s, e) = (cos(2 * t), sin(2 * t), exp(-t))
        let expD: [[Double]] = [[exp(-1e3 * t), 0, 0, 0], [0, exp(-1e4 * t), 0, 0], [0, 0, e * c, e * s], [0, 0, -e * s, e * c]]
        return multiply(Self.q, multiply(expD, multiply(Self.q, y0.map { [$0] }))).map { $0[0] }
    }
}

/// Prothero and Robinson's test in two dimensions: `y' = M (y − g(t)) + g'(t)` with `M` of
/// eigenvalues −1e3 and −1e4 (not normal), `g = (sin t, cos 2t)`; the solution from `g(0)` is `g`.
struct ProtheroRobinson: JacobianField {
    static let m: [[Double]] = [[-1e3, 500], [0, -1e4]]
    var dimension: Int { 2 }
    func g(_ t: Double) -> [Double] { [sin(t), cos(2 * t)] }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        let (g0, g1) = (sin(t), cos(2 * t))
        let (d0, d1) = (cos(t), -2 * sin(2 * t))
        dy[0] = Self.m[0][0] * (y[0] - g0) + Self.m[0][1] * (y[1] - g1) + d0
        dy[1] = Self.m[1][0] * (y[0] - g0) + Self.m[1][1] * (y[1] - g1) + d1
    }
    func jacobian(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ j: UnsafeMutableBufferPointer<Double>) {
        j[0] = Self.m[0][0]
        j[1] = Self.m[0][1]
        j[2] = Self.m[1][0]
        j[3] = Self.m[1][1]
    }
}

/// `y' = −√|y|` from 0, whose exact Jacobian `−1/(2√|y|)` is infinite there: every iteration
/// matrix is singular (not finite), whatever the step.
struct InfiniteJacobian: JacobianField {
    var dimension: Int { 1 }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = -abs(y[0]).squareRoot()
    }
    func jacobian(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ j: UnsafeMutableBufferPointer<Double>) {
        j[0] = -0.5 / abs(y[0]).squareRoot()
    }
}

/// `y' = −1e12 y` with a Jacobian of the wrong sign: the simplified Newton iteration diverges
/// for every step above about 1e-12.
struct WrongJacobian: JacobianField {
    var dimension: Int { 1 }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = -1e12 * y[0]
    }
    func jacobian(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ j: UnsafeMutableBufferPointer<Double>) {
        j[0] = 1e12
    }
}

/// A minimal accept/reject loop around ``RadauIIA5`` that takes RADAU5's own step-size factor
/// (``RadauIIA5/proposedStepFactor(workspace:accepted:)``) instead of the driver's controller, and
/// reads `times` off the continuous extension.
func radau5Loop<F: VectorField>(
    _ field: F, y0: [Double], times: [Double], tolerance: Tolerance
) -> (states: [[Double]], statistics: SolverStatistics) {
    let method = RadauIIA5()
    let n = y0.count
    let w = method.makeWorkspace(dimension: n)
    for i in 0..<n { w.state[i] = y0[i] }
    var statistics = SolverStatistics()
    var states: [[Double]] = []
    var t = 0.0
    let end = times.last!
    var h = 1e-6
    var next = 0
    method.start(field, t: t, workspace: w, statistics: &statistics)
    while t < end && statistics.steps < 100_000 {
        let last = t + 1.01 * h >= end
        let step = last ? end - t : h
        let error = method.attemptStep(
            field, t: t, h: step, workspace: w, tolerance: tolerance, estimateError: true, statistics: &statistics)
        var accepted = error.isFinite && error < 1
        if accepted { accepted = method.completeStep(field, t: t, h: step, workspace: w, statistics: &statistics) }
        let factor = method.proposedStepFactor(workspace: w, accepted: accepted) ?? 1
        guard accepted else {
            statistics.rejectedSteps += 1
            if method.unrecoverableFailure(workspace: w) != nil { break }
            h = step * factor
            continue
        }
        statistics.acceptedSteps += 1
        method.prepareDenseOutput(field, t: t, h: step, workspace: w, statistics: &statistics)
        while next < times.count && times[next] <= t + step {
            w.interpolate(theta: (times[next] - t) / step, degree: 3, into: w.scratch)
            states.append(Array(UnsafeBufferPointer(start: w.scratch, count: n)))
            next += 1
        }
        method.commitStep(workspace: w)
        t = last ? end : t + step
        h = step * factor
    }
    return (states, statistics)
}
