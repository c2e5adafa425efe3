/// How the blocks' weights `θ` depend on depth: one free set per block, or samples of a
/// continuous `θ(t)` on `[0, T]` written as `θ(t) = Σⱼ wⱼ(t) cⱼ` over coefficient sets `cⱼ`.
///
/// | case | sets `cⱼ` | `wⱼ(t)` |
/// |---|---|---|
/// | `independent` | one per block (`N`) | block `k` uses `c_k` in all its stages |
/// | `piecewiseLinear(nodes: K)` | `K ≥ 2` values at `tⱼ = jT/(K−1)` | hat functions: `θ` linear between nodes |
/// | `legendre(count: M)` | `M ≥ 1` | `Pⱼ(2t/T − 1)`, Legendre polynomials: `θ` smooth (a polynomial) |
///
/// With a continuous schedule the networks of every depth `N` share the same parameters, so
/// they can be compared with each other and with the neural ODE `x' = f(x, θ(t))` they
/// discretise (the deep limit). Stages of a Runge-Kutta block sample `θ` at `t + cᵢh`.
public enum WeightSchedule: Sendable, Hashable {
    case independent
    case piecewiseLinear(nodes: Int)
    case legendre(count: Int)

    /// Number of coefficient sets for a network of `depth` blocks.
    public func coefficientSetCount(depth: Int) -> Int {
        switch self {
        case .independent: depth
        case .piecewiseLinear(let nodes): nodes
        case .legendre(let count): count
        }
    }

    /// Whether `θ` is a function of `t` shared by every depth.
    public var isContinuous: Bool { self != .independent }

    /// Calls `body(j, wⱼ)` for every nonzero weight of `θ` at time `t` in block `block`
    /// (`horizon` is `T`). Allocates nothing.
    @inlinable
    func forEachWeight(at t: Double, block: Int, horizon: Double, _ body: (Int, Double) -> Void) {
        switch self {
        case .independent:
            body(block, 1)
        case .piecewiseLinear(let nodes):
            let s = Swift.min(Swift.max(t / horizon, 0), 1) * Double(nodes - 1)
            let j = Swift.min(Int(s), nodes - 2)
            let fraction = s - Double(j)
            if fraction < 1 { body(j, 1 - fraction) }
            if fraction > 0 { body(j + 1, fraction) }
        case .legendre(let count):
            let x = 2 * t / horizon - 1
            var previous = 1.0
            var current = x
            body(0, 1)
            if count > 1 { body(1, x) }
            var n = 1
            while n + 1 < count {
                // (n + 1) P_{n+1} = (2n + 1) x Pₙ − n P_{n−1}
                let next = (Double(2 * n + 1) * x * current - Double(n) * previous) / Double(n + 1)
                previous = current
                current = next
                n += 1
                body(n, current)
            }
        }
    }

    /// The single coefficient set used at `t`, if `θ(t)` is exactly one set (no blending needed).
    @inlinable
    func singleSet(at t: Double, block: Int, horizon: Double) -> Int? {
        var index: Int?
        var count = 0
        forEachWeight(at: t, block: block, horizon: horizon) { j, w in
            count += 1
            index = w == 1 ? j : nil
        }
        return count == 1 ? index : nil
    }
}
