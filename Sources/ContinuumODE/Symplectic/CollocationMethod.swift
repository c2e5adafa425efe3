/// Implicit symplectic Runge-Kutta methods for general (non-separable) Hamiltonians: the implicit
/// midpoint rule and Gauss-Legendre collocation with 2 and 3 stages (orders 4 and 6).
///
/// For `y = (q, p)`, `y' = f(y) = (∂H/∂p, −∂H/∂q)`, a step solves the stage equations
/// `Yᵢ = y + h Σⱼ aᵢⱼ f(Yⱼ)` and sets `y₁ = y + h Σᵢ bᵢ f(Yᵢ)`. Gauss methods satisfy
/// `bᵢaᵢⱼ + bⱼaⱼᵢ = bᵢbⱼ`, so they are symplectic for every Hamiltonian, conserve quadratic
/// invariants exactly, and are symmetric. The stage equations are solved by fixed-point iteration
/// until the increments stop shrinking at round-off level (`‖Δ‖ ≤ 4ε·max(1, ‖y‖)`), which is what
/// makes the step symplectic and reversible to machine precision; for step sizes where the
/// iteration does not contract (`h·‖∂f/∂y‖` of order one or larger) the step reports failure and
/// the solve ends with ``SolutionStatus/newtonDivergence``.
public struct CollocationMethod: Sendable {
    public let name: String
    public let displayName: String
    public let order: Int
    /// Number of stages `s`.
    public let stageCount: Int
    /// Row-major `s × s` coefficients `aᵢⱼ`.
    public let a: [Double]
    /// Weights `bᵢ`.
    public let b: [Double]
    /// Nodes `cᵢ = Σⱼ aᵢⱼ`.
    public let c: [Double]
    /// Largest number of fixed-point sweeps per step.
    public var maximumIterations = 100

    public init(name: String, displayName: String, order: Int, a: [[Double]], b: [Double]) {
        self.name = name
        self.displayName = displayName
        self.order = order
        stageCount = b.count
        self.a = a.flatMap { $0 }
        self.b = b
        c = a.map { $0.reduce(0, +) }
    }

    /// Advances `(q, p)` from `t` to `t + h` in place. Returns the number of gradient evaluations,
    /// or −1 when the stage equations did not converge (the state is then left unchanged).
    @inlinable
    public func step<F: HamiltonianSystem>(
        _ system: F, h: Double, q: UnsafeMutableBufferPointer<Double>, p: UnsafeMutableBufferPointer<Double>,
        workspace w: CollocationWorkspace
    ) -> Int {
        let n = w.degreesOfFreedom
        let s = stageCount
        let m = 2 * n
        var scale = 1.0
        for i in 0..<n { scale = max(scale, abs(q[i]), abs(p[i])) }
        let tolerance = 4 * Double.ulpOfOne * scale
        // Every stage starts from f(y).
        for j in 0..<n { w.stage[j] = q[j]; w.stage[n + j] = p[j] }
        w.evaluate(system, into: w.slopes)
        for i in 1..<max(s, 1) { for j in 0..<m { w.slopes[i * m + j] = w.slopes[j] } }
        var evaluations = 1
        var previous = Double.infinity
        var converged = false
        var iteration = 0
        while iteration < maximumIterations {
            iteration += 1
            var change = 0.0
            for i in 0..<s {
                for j in 0..<n {
                    var dq = 0.0, dp = 0.0
                    for k in 0..<s {
                        dq += a[i * s + k] * w.slopes[k * m + j]
                        dp += a[i * s + k] * w.slopes[k * m + n + j]
                    }
                    w.stage[j] = q[j] + h * dq
                    w.stage[n + j] = p[j] + h * dp
                }
                w.evaluate(system, into: w.fresh + i * m)
                evaluations += 1
            }
            for j in 0..<(s * m) {
                change = max(change, abs(h * (w.fresh[j] - w.slopes[j])))
                w.slopes[j] = w.fresh[j]
            }
            guard change.isFinite else { break }
            if change <= tolerance || (change >= previous && change <= 1e-10 * scale) {
                converged = true
                break
            }
            previous = change
        }
        guard converged else { return -1 }
        for j in 0..<n {
            var dq = 0.0, dp = 0.0
            for i in 0..<s {
                dq += b[i] * w.slopes[i * m + j]
                dp += b[i] * w.slopes[i * m + n + j]
            }
            q[j] += h * dq
            p[j] += h * dp
        }
        return evaluations
    }
}

/// Stage storage of a ``CollocationMethod`` on one system, allocated once.
public final class CollocationWorkspace {
    public let degreesOfFreedom: Int
    /// The current stage argument `Y = (q, p)`.
    @usableFromInline let stage: UnsafeMutablePointer<Double>
    /// `f(Yᵢ)` of the previous sweep, stage after stage (`s × 2n`).
    @usableFromInline let slopes: UnsafeMutablePointer<Double>
    /// `f(Yᵢ)` of the current sweep.
    @usableFromInline let fresh: UnsafeMutablePointer<Double>

    public init(degreesOfFreedom n: Int, stageCount s: Int) {
        degreesOfFreedom = n
        stage = .allocate(capacity: 2 * n)
        slopes = .allocate(capacity: 2 * n * s)
        fresh = .allocate(capacity: 2 * n * s)
        stage.initialize(repeating: 0, count: 2 * n)
        slopes.initialize(repeating: 0, count: 2 * n * s)
        fresh.initialize(repeating: 0, count: 2 * n * s)
    }

    deinit {
        stage.deallocate()
        slopes.deallocate()
        fresh.deallocate()
    }

    /// Writes `f(Y) = (∂H/∂p, −∂H/∂q)` at the current stage argument into `out` (2n values).
    @inlinable
    func evaluate<F: HamiltonianSystem>(_ system: F, into out: UnsafeMutablePointer<Double>) {
        let n = degreesOfFreedom
        // ∂H/∂q goes to the momentum half (then negated), ∂H/∂p to the coordinate half.
        system.gradient(
            UnsafeBufferPointer(start: stage, count: n), UnsafeBufferPointer(start: stage + n, count: n),
            UnsafeMutableBufferPointer(start: out + n, count: n), UnsafeMutableBufferPointer(start: out, count: n))
        for j in 0..<n { out[n + j] = -out[n + j] }
    }
}

/// Integrates a Hamiltonian system with an implicit symplectic method at a fixed step, recording
/// `H(q, p)` every `options.energyEvery` steps.
@inlinable
public func solve<F: HamiltonianSystem>(
    _ problem: PartitionedProblem<F>, with method: CollocationMethod, options: GeometricOptions
) throws(ODEError) -> GeometricSolution {
    let driver = try FixedStepDriver(problem: problem, options: options, methodName: method.name)
    let system = problem.field
    let workspace = CollocationWorkspace(degreesOfFreedom: system.degreesOfFreedom, stageCount: method.stageCount)
    return driver.run(energy: { q, p in system.energy(q, p) }) { _, h, steps, q, p in
        var evaluations = 0
        for _ in 0..<steps {
            let used = method.step(system, h: h, q: q, p: p, workspace: workspace)
            guard used >= 0 else { return -1 }
            evaluations += used
        }
        return evaluations
    }
}
