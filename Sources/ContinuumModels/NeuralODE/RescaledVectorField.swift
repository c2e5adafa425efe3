import ContinuumODE

/// A vector field written in data units, seen in normalised units: with `x = μ + σ ⊙ z` and
/// `t = t₀ + T τ`, the field `dx/dt = g(t, x)` becomes
///
///     dz/dτ = (T / σ) ⊙ g(t₀ + Tτ, μ + σ ⊙ z),
///
/// so a known part given in the data's own units (what a user writes) can be added to a network
/// trained on normalised data. Its Jacobian is `diag(T/σ) ∂g/∂x diag(σ)`, so the vector-Jacobian
/// product is `σ ⊙ (∂g/∂x)ᵀ(T v / σ)` for the state and `(∂g/∂θ)ᵀ(T v / σ)` for the parameters.
public struct RescaledVectorField<Base: DifferentiableVectorField>: DifferentiableVectorField {
    /// The field in data units.
    public let base: Base
    /// `μ` and `σ` per component (`σ > 0`), the time origin `t₀` and time scale `T > 0`.
    public let means: [Double]
    public let scales: [Double]
    public let timeOrigin: Double
    public let timeScale: Double
    /// The data-unit state `x` (`n`), then the rescaled cotangent (`n`).
    @usableFromInline let scratch: UnsafeMutableBufferPointer<Double>
    @usableFromInline let scratchOwner: ScratchOwner

    /// `base` seen through `x = means + scales ⊙ z`, `t = timeOrigin + timeScale · τ`.
    public init(_ base: Base, means: [Double], scales: [Double], timeOrigin: Double = 0, timeScale: Double = 1) {
        precondition(means.count == base.dimension && scales.count == base.dimension, "one mean and scale per component")
        precondition(scales.allSatisfy { $0 > 0 } && timeScale > 0, "scales must be positive")
        self.base = base
        self.means = means
        self.scales = scales
        self.timeOrigin = timeOrigin
        self.timeScale = timeScale
        scratchOwner = ScratchOwner(count: 2 * base.dimension)
        scratch = scratchOwner.buffer
    }

    public var dimension: Int { base.dimension }
    public var parameterCount: Int { base.parameterCount }

    @inlinable
    func dataState(_ z: UnsafeBufferPointer<Double>) -> UnsafeBufferPointer<Double> {
        let n = dimension
        for i in 0..<n { scratch[i] = means[i] + scales[i] * z[i] }
        return UnsafeBufferPointer(rebasing: scratch[0..<n])
    }

    @inlinable
    public func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        base.evaluate(timeOrigin + timeScale * t, dataState(y), dy)
        for i in 0..<dimension { dy[i] *= timeScale / scales[i] }
    }

    @inlinable
    public func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        let n = dimension
        let x = dataState(y)
        for i in 0..<n { scratch[n + i] = timeScale * v[i] / scales[i] }
        base.vectorJacobianProduct(
            timeOrigin + timeScale * t, x, UnsafeBufferPointer(rebasing: scratch[n..<(2 * n)]),
            stateProduct: stateProduct, parameterProduct: parameterProduct)
        for i in 0..<n { stateProduct[i] *= scales[i] }
    }
}
