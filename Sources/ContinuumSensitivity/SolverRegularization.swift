/// Solver-cost regularisation of a training loss (Pal, Ma, Shah & Rackauckas, "Opening the
/// Blackbox: Accelerating Neural Differential Equations by Regularizing Internal Solver
/// Heuristics", ICML 2021): the loss is augmented by what the adaptive solver itself measured,
///
///     L̃ = L + w_E R_E + w_S R_S,   R_E = Σⱼ Eⱼ |hⱼ|,   R_S = Σⱼ Sⱼ,
///
/// over the steps `j` of the forward solve, where `Eⱼ` is the step's local error estimate in the
/// solver's weighted RMS norm, `‖h Σᵢ (bᵢ − b̂ᵢ) kᵢ / (atol + rtol·max(|y|, |y₁|))‖`, and `Sⱼ` is
/// Hairer's stiffness estimate `|h| ‖k_q − k_p‖ / ‖Y_q − Y_p‖` from the last two stages of a
/// Dormand-Prince-type tableau (an estimate of `|hλ|` for the dominant eigenvalue `λ`). Dynamics
/// whose steps carry small error estimates let the controller take long steps, so training with
/// `w_E > 0` learns models that are cheaper to solve.
///
/// Gradients come from the discrete adjoint, with the step grid held fixed (as for the data
/// loss): the penalty's dependence on the stage slopes enters the reverse sweep as one extra slope
/// cotangent per stage (and the scale `atol + rtol·max(|y|, |y₁|)` of the norm is differentiated
/// too, so the gradient is exact for the penalty on that grid). An adaptive solve's grid itself
/// changes with `θ`; like the data loss's, the penalty's gradient ignores that.
///
/// ```swift
/// let result = try gradient(of: loss, at: times, for: problem, with: .tsit5, options: options,
///                           sensitivity: .discrete(),
///                           regularization: SolverRegularization(errorWeight: 0.01))
/// ```
public struct SolverRegularization: Sendable, Equatable, Codable {
    /// `w_E`, the weight of the error-estimate penalty `R_E = Σⱼ Eⱼ |hⱼ|`.
    public var errorWeight: Double
    /// `w_S`, the weight of the stiffness penalty `R_S = Σⱼ Sⱼ`.
    public var stiffnessWeight: Double

    /// A regularisation with the given weights (both non-negative; zero switches a term off).
    public init(errorWeight: Double = 0, stiffnessWeight: Double = 0) {
        self.errorWeight = errorWeight
        self.stiffnessWeight = stiffnessWeight
    }

    /// No regularisation: the plain loss, computed exactly as without this option.
    public static let none = SolverRegularization()

    /// Whether either weight is non-zero.
    public var isActive: Bool { errorWeight != 0 || stiffnessWeight != 0 }

    /// Whether both weights are finite and non-negative.
    public var isValid: Bool {
        errorWeight.isFinite && errorWeight >= 0 && stiffnessWeight.isFinite && stiffnessWeight >= 0
    }
}
