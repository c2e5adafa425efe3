import ContinuumSDE

/// A diagonal-noise diffusion `g(t, y; θ)` (`dyᵢ = … + gᵢ dWᵢ`) that can differentiate itself: the
/// refinement of ``DiffusionField`` the stochastic adjoints need.
///
/// With diagonal noise the stochastic term of the adjoint equation is `−Σᵢ aᵢ ∂gᵢ/∂y ∘ dWᵢ`, which
/// is the vector-Jacobian product of `g` with `v = a ⊙ ΔW`; likewise for `θ`. So one product per
/// evaluation serves both the continuous adjoint (Li et al. 2020) and the algebraic adjoint of
/// reversible Heun. Implementations write into caller-owned buffers and must not allocate.
public protocol DifferentiableDiffusionField: DiffusionField {
    /// Number of parameters `θ_g` of the diffusion.
    var parameterCount: Int { get }

    /// Writes `Σᵢ vᵢ ∂gᵢ/∂y` (length `dimension`) into `stateProduct` and `Σᵢ vᵢ ∂gᵢ/∂θ` (length
    /// ``parameterCount``) into `parameterProduct`, both at `(t, y)`.
    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>)
}
