import ContinuumODE

/// The probability-flow ODE of a forward SDE with score `s`: `dx/dt = b(t) x − ½g(t)² (I + A) s(x, t)`
/// (`A = 0` without a ``Gauge``). Solved from `T` to `0` it carries samples of `p_T` to the data; its
/// marginals are those of the SDE for every antisymmetric `A`.
public struct ProbabilityFlow<Score: ScoreFunction>: VectorField, Sendable {
    /// The forward SDE.
    public let sde: ForwardSDE
    /// The score.
    public let scoreFunction: Score
    /// The gauge rotation, if any.
    public let gauge: Gauge?

    /// The flow of `sde` with `score`; throws if `gauge`'s dimension differs from the score's.
    public init(sde: ForwardSDE, score: Score, gauge: Gauge? = nil) throws(DiffusionError) {
        if let gauge, gauge.dimension != score.dimension {
            throw .dimensionMismatch(expected: score.dimension, actual: gauge.dimension, what: "gauge")
        }
        self.sde = sde
        self.scoreFunction = score
        self.gauge = gauge
    }

    public var dimension: Int { scoreFunction.dimension }

    @inlinable
    public func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        let d = dimension
        let b = sde.driftCoefficient(at: t)
        let halfG2 = 0.5 * sde.diffusionSquared(at: t)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: d) { s in
            scoreFunction.score(y, at: t, into: s)
            if let gauge {
                gauge.applyIdentityPlus(s, into: dy)
                for i in 0..<d { dy[i] = b * y[i] - halfG2 * dy[i] }
            } else {
                for i in 0..<d { dy[i] = b * y[i] - halfG2 * s[i] }
            }
        }
    }

    /// A copy with its own score instance (for another thread).
    public func copy() -> Self {
        // The gauge was checked when `self` was made.
        try! ProbabilityFlow(sde: sde, score: scoreFunction.copy(), gauge: gauge)
    }
}
