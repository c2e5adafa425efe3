/// A partitioned system `q' = v(p)`, `p' = F(t, q)` whose two parts each depend on the *other*
/// variable only, so that both sub-flows are exact translations: the drift `q ← q + τ v(p)` and the
/// kick `p ← p + τ F(t, q)`.
///
/// This is the shape of a separable Hamiltonian `H = T(p) + V(q)` (`v = ∂T/∂p`, `F = −∂V/∂q`) and
/// of a second-order equation `q'' = a(t, q)` (`v(p) = p`, `F = a`). Splitting methods
/// (``SplittingMethod``) compose drifts and kicks. Both calls write in place and must not allocate.
///
/// ```swift
/// struct Pendulum: PartitionedVectorField {
///     var degreesOfFreedom: Int { 1 }
///     func velocity(_ p: UnsafeBufferPointer<Double>, _ dq: UnsafeMutableBufferPointer<Double>) { dq[0] = p[0] }
///     func force(_ t: Double, _ q: UnsafeBufferPointer<Double>, _ dp: UnsafeMutableBufferPointer<Double>) {
///         dp[0] = -sin(q[0])
///     }
/// }
/// ```
public protocol PartitionedVectorField {
    /// Number of coordinates `n` (the state is `(q, p)` with `2n` components).
    var degreesOfFreedom: Int { get }
    /// Writes `q' = v(p)` into `dq`.
    func velocity(_ p: UnsafeBufferPointer<Double>, _ dq: UnsafeMutableBufferPointer<Double>)
    /// Writes `p' = F(t, q)` into `dp`.
    func force(_ t: Double, _ q: UnsafeBufferPointer<Double>, _ dp: UnsafeMutableBufferPointer<Double>)
}

/// An autonomous Hamiltonian system `q' = ∂H/∂p`, `p' = −∂H/∂q`, with `H(q, p)` not necessarily
/// separable. Implicit symplectic methods (``CollocationMethod``) need only the gradient; energy
/// diagnostics need ``energy(_:_:)``.
public protocol HamiltonianSystem {
    /// Number of coordinates `n`.
    var degreesOfFreedom: Int { get }
    /// Writes `∂H/∂q` into `dHdq` and `∂H/∂p` into `dHdp`.
    func gradient(
        _ q: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>,
        _ dHdq: UnsafeMutableBufferPointer<Double>, _ dHdp: UnsafeMutableBufferPointer<Double>)
    /// The energy `H(q, p)`.
    func energy(_ q: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>) -> Double
}
