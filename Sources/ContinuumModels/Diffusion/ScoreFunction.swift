/// A (possibly learned) score `s(x, t) ≈ ∇ₓ log pₜ(x)` of the marginals of a forward SDE.
///
/// Evaluation must allocate nothing and be safe to call from several threads at once, or the
/// samplers' parallel loops use ``copy()`` to give each thread its own instance.
public protocol ScoreFunction: Sendable {
    /// The dimension `d` of `x`.
    var dimension: Int { get }
    /// Writes `s(x, t)` into `score`.
    func score(_ x: UnsafeBufferPointer<Double>, at t: Double, into score: UnsafeMutableBufferPointer<Double>)
    /// An instance for another thread (the default returns `self`, for thread-safe scores).
    func copy() -> Self
}

extension ScoreFunction {
    public func copy() -> Self { self }
}

/// A score whose Jacobian (the Hessian of `log pₜ`) is available, for likelihoods through the
/// instantaneous change of variables.
public protocol ScoreWithJacobian: ScoreFunction {
    /// Writes the score into `score` and returns the Laplacian `Δ log pₜ(x) = tr ∇ₓs`.
    func scoreAndLaplacian(_ x: UnsafeBufferPointer<Double>, at t: Double,
                           into score: UnsafeMutableBufferPointer<Double>) -> Double
    /// Writes the score into `score` and `(∇ₓs) vᵢ` into `products[i*d ..< (i+1)*d]` for each of
    /// the `probes.count / d` vectors `vᵢ` in `probes`.
    func scoreAndJacobianProducts(_ x: UnsafeBufferPointer<Double>, at t: Double, probes: UnsafeBufferPointer<Double>,
                                  score: UnsafeMutableBufferPointer<Double>, products: UnsafeMutableBufferPointer<Double>)
}
