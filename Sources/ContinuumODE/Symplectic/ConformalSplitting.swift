import Foundation

/// Conformal symplectic integrators for the damped system `q' = v(p)`, `p' = F(t, q) − γp`
/// (for a Hamiltonian, `q' = ∂H/∂p`, `p' = −∂H/∂q − γp`).
///
/// The damping has the exact flow `p ← e^{−γτ} p`; composing it with a symplectic splitting of the
/// conservative part gives a map that contracts the symplectic form by exactly `e^{−γh}` per step,
/// `JᵀΩJ = e^{−γh} Ω`, as the continuous flow does (Bhatt, Floyd & Moore 2017; França, Sulam,
/// Robinson & Vidal 2020). With ``Placement/first`` the step is `S(h) ∘ D(h)` (order 1, whatever
/// `S`); with ``Placement/symmetric`` it is `D(h/2) ∘ S(h) ∘ D(h/2)`, of order 2 for a symmetric
/// `S` (conformal leapfrog).
///
/// The heavy-ball method is ``heavyBall(damping:)``: with `T = |p|²/2`, `V = f`, the step
/// `p ← e^{−γh}p − h∇f(q)`, `q ← q + hp` gives, for `vₖ = h pₖ = xₖ − xₖ₋₁`,
/// `xₖ₊₁ = xₖ − h²∇f(xₖ) + e^{−γh}(xₖ − xₖ₋₁)`: Polyak's iteration with learning rate `α = h²`
/// and momentum `β = e^{−γh}` (see ``MomentumCorrespondence``).
public struct ConformalSplitting: Sendable {
    /// Where the damping flow goes in the step.
    public enum Placement: Sendable, Equatable {
        /// `D(h)` before the conservative step.
        case first
        /// `D(h/2)` on both sides.
        case symmetric
    }

    /// The symplectic splitting of the conservative part.
    public let method: SplittingMethod
    /// The damping rate `γ ≥ 0`.
    public let damping: Double
    public let placement: Placement

    public init(_ method: SplittingMethod, damping: Double, placement: Placement = .symmetric) {
        self.method = method
        self.damping = damping
        self.placement = placement
    }

    /// Damping, then symplectic Euler (kick, drift): the heavy-ball method.
    public static func heavyBall(damping: Double) -> ConformalSplitting {
        ConformalSplitting(.symplecticEulerKickDrift, damping: damping, placement: .first)
    }

    /// Half damping, velocity Verlet, half damping: conformal leapfrog, order 2.
    public static func leapfrog(damping: Double) -> ConformalSplitting {
        ConformalSplitting(.velocityVerlet, damping: damping, placement: .symmetric)
    }

    public var name: String { "conformal-\(method.name)" }

    /// Advances `(q, p)` from `t` to `t + h` in place; returns the number of field evaluations.
    @inlinable
    @discardableResult
    public func step<F: PartitionedVectorField>(
        _ field: F, t: Double, h: Double,
        q: UnsafeMutableBufferPointer<Double>, p: UnsafeMutableBufferPointer<Double>,
        workspace: SplittingWorkspace
    ) -> Int {
        switch placement {
        case .first:
            scale(p, by: exp(-damping * h))
            return method.step(field, t: t, h: h, q: q, p: p, workspace: workspace)
        case .symmetric:
            let half = exp(-damping * h / 2)
            scale(p, by: half)
            let evaluations = method.step(field, t: t, h: h, q: q, p: p, workspace: workspace)
            scale(p, by: half)
            return evaluations
        }
    }
}

@inlinable @inline(__always)
func scale(_ p: UnsafeMutableBufferPointer<Double>, by factor: Double) {
    for i in p.indices { p[i] *= factor }
}
