import ContinuumODE

/// A ``PartitionedVectorField`` `q' = v(p; θ)`, `p' = F(t, q; θ)` that can differentiate its two
/// parts: the force with respect to `q` and `θ`, the velocity (the kinetic part `∂T/∂p`) with
/// respect to `p` and `θ`. This is what the exact adjoint of a splitting method needs
/// (``gradient(of:at:for:with:stepSize:adjoint:)``): each kick `p ← p + τF(t, q)` reverses to
/// `q̄ += τ (∂F/∂q)ᵀ p̄`, `θ̄ += τ (∂F/∂θ)ᵀ p̄`, each drift `q ← q + τv(p)` to
/// `p̄ += τ (∂v/∂p)ᵀ q̄`, `θ̄ += τ (∂v/∂θ)ᵀ q̄`.
///
/// The field holds its parameters `θ` (``parameterCount`` of them). Both products write into
/// caller-owned buffers (overwriting them) and must not allocate.
///
/// ```swift
/// // The pendulum H = p²/2 − ω² cos q with θ = (ω²).
/// struct Pendulum: DifferentiablePartitionedField {
///     var omegaSquared: Double
///     var degreesOfFreedom: Int { 1 }
///     var parameterCount: Int { 1 }
///     func velocity(_ p: UnsafeBufferPointer<Double>, _ dq: UnsafeMutableBufferPointer<Double>) { dq[0] = p[0] }
///     func force(_ t: Double, _ q: UnsafeBufferPointer<Double>, _ dp: UnsafeMutableBufferPointer<Double>) {
///         dp[0] = -omegaSquared * sin(q[0])
///     }
///     func forceVJP(_ t: Double, _ q: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
///                   coordinateProduct: UnsafeMutableBufferPointer<Double>,
///                   parameterProduct: UnsafeMutableBufferPointer<Double>) {
///         coordinateProduct[0] = -omegaSquared * cos(q[0]) * v[0]
///         parameterProduct[0] = -sin(q[0]) * v[0]
///     }
///     func velocityVJP(_ p: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
///                      momentumProduct: UnsafeMutableBufferPointer<Double>,
///                      parameterProduct: UnsafeMutableBufferPointer<Double>) {
///         momentumProduct[0] = v[0]
///         parameterProduct[0] = 0
///     }
/// }
/// ```
public protocol DifferentiablePartitionedField: PartitionedVectorField {
    /// Number of parameters `θ`.
    var parameterCount: Int { get }

    /// Writes `vᵀ ∂F/∂q` (length `n`) into `coordinateProduct` and `vᵀ ∂F/∂θ` into
    /// `parameterProduct`, at `(t, q)`.
    func forceVJP(
        _ t: Double, _ q: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        coordinateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>)

    /// Writes `vᵀ ∂v/∂p` (length `n`) into `momentumProduct` and `vᵀ ∂v/∂θ` into
    /// `parameterProduct`, at `p`.
    func velocityVJP(
        _ p: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        momentumProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>)
}
