import Foundation

/// Nesterov's accelerated gradient written as a discretisation of the damped flow
/// `q' = v(p)`, `p' = F(q) − γp`: damp, look ahead by a drift, kick with the force at the
/// look-ahead point, drift from the old position:
///
///     p̃ = e^{−γh} p,   q̂ = q + h v(p̃),   p₁ = p̃ + h F(q̂),   q₁ = q + h v(p₁).
///
/// With `T = |p|²/2`, `F = −∇f` and `vₖ = h pₖ` this is Sutskever's form
/// `vₖ₊₁ = βvₖ − α∇f(xₖ + βvₖ)`, `xₖ₊₁ = xₖ + vₖ₊₁` with `α = h²`, `β = e^{−γh}`, whose iterates
/// equal those of Nesterov's `xₖ₊₁ = yₖ − α∇f(yₖ)`, `yₖ₊₁ = xₖ₊₁ + β(xₖ₊₁ − xₖ)`. The force is
/// taken at `q + O(h)` rather than at `q`, which makes the map differ from the conformal symplectic
/// Euler step (``ConformalSplitting/heavyBall(damping:)``) by an `O(h²)` Hessian term: it is a
/// consistent first-order discretisation of the same flow but not exactly conformal symplectic
/// (França, Sulam, Robinson & Vidal 2020).
public struct NesterovScheme: Sendable {
    /// The damping rate `γ ≥ 0`.
    public let damping: Double

    public init(damping: Double) {
        self.damping = damping
    }

    /// Advances `(q, p)` from `t` to `t + h` in place; returns the number of field evaluations.
    @inlinable
    @discardableResult
    public func step<F: PartitionedVectorField>(
        _ field: F, t: Double, h: Double,
        q: UnsafeMutableBufferPointer<Double>, p: UnsafeMutableBufferPointer<Double>,
        workspace w: SplittingWorkspace
    ) -> Int {
        let n = w.degreesOfFreedom
        w.invalidate()  // the force buffer is about to hold a look-ahead force
        scale(p, by: exp(-damping * h))
        field.velocity(UnsafeBufferPointer(p), w.velocity)
        for j in 0..<n { w.scratch[j] = q[j] + h * w.velocity[j] }
        field.force(t + h, UnsafeBufferPointer(w.scratch), w.force)
        for j in 0..<n { p[j] += h * w.force[j] }
        field.velocity(UnsafeBufferPointer(p), w.velocity)
        for j in 0..<n { q[j] += h * w.velocity[j] }
        return 3
    }
}

/// The exact correspondence between momentum optimisers and conformal integrators with unit mass:
/// learning rate `α = h²` and momentum `β = e^{−γh}`.
public enum MomentumCorrespondence {
    /// The step `h = √α` and damping `γ = −ln β / √α` of the integrator whose positions are the
    /// iterates of heavy ball (or Nesterov) with learning rate `α > 0` and momentum `0 < β ≤ 1`.
    public static func integrator(learningRate α: Double, momentum β: Double) -> (stepSize: Double, damping: Double) {
        let h = α.squareRoot()
        return (h, -log(β) / h)
    }

    /// The learning rate and momentum of the optimiser that a conformal step of size `h` with
    /// damping `γ` performs.
    public static func optimizer(stepSize h: Double, damping γ: Double) -> (learningRate: Double, momentum: Double) {
        (h * h, exp(-γ * h))
    }
}
