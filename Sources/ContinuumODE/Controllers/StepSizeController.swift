/// Chooses the next step size from the scaled error norm of the current step.
///
/// Two controllers are provided: ``PIController`` (Hairer's "Lund" stabilisation, the default of
/// DOPRI5 and DOP853) and ``PIDController`` (Söderlind's digital filters). Both observe the usual
/// safeguards: the factor is clamped to `[minFactor, maxFactor]` and the step does not grow right
/// after a rejection.
public enum StepSizeController: Sendable {
    /// A proportional-integral controller.
    case pi(PIController)
    /// A proportional-integral-derivative controller.
    case pid(PIDController)

    /// Hairer's PI controller with the method's recommended constants.
    public static let methodDefault = StepSizeController.pi(PIController())

    /// Whether this is ``methodDefault``: methods with their own step-size rule (RADAU5) then use it.
    public var isMethodDefault: Bool {
        if case .pi(let controller) = self { return controller == PIController() }
        return false
    }
}

/// Hairer's PI step-size controller (Hairer & Wanner, *Solving ODEs I*, IV.2 and the codes DOPRI5,
/// DOP853): `h_new = h · clamp(safety · err^(−1/k + 0.75β) · err_prev^β)`, where `k` is the
/// controller order of the method and `err_prev` is the error of the last accepted step (at least
/// 1e-4). On rejection the factor is `max(minFactor, safety · err^(−1/k + 0.75β))`.
public struct PIController: Sendable, Equatable {
    /// Weight of the previous error (`β`); `nil` takes the method's recommendation.
    public var beta: Double?
    /// Safety factor; `nil` takes the method's recommendation (0.9).
    public var safety: Double?
    /// Smallest factor per step; `nil` takes the method's recommendation.
    public var minFactor: Double?
    /// Largest factor per step; `nil` takes the method's recommendation.
    public var maxFactor: Double?

    /// A PI controller; unspecified constants come from the method.
    public init(beta: Double? = nil, safety: Double? = nil, minFactor: Double? = nil, maxFactor: Double? = nil) {
        self.beta = beta
        self.safety = safety
        self.minFactor = minFactor
        self.maxFactor = maxFactor
    }
}

/// Söderlind's PID step-size controller (Söderlind, *Digital filters in adaptive time-stepping*,
/// ACM TOMS 2003; Söderlind & Wang 2006): `factor = safety · ε₀^(−β₁/k) · ε₁^(−β₂/k) · ε₂^(−β₃/k)`
/// over the last three error norms, smoothed by the limiter `1 + atan(factor − 1)`.
///
/// The default (β₁, β₂, β₃) = (0.7, −0.4, 0) is Söderlind's PI.3.4 filter; H211PI is
/// (1/6, 1/6, 0), and diffrax's `pcoeff`, `icoeff`, `dcoeff` map to
/// β₁ = p + i + d, β₂ = −(p + 2d), β₃ = d.
public struct PIDController: Sendable, Equatable {
    /// Exponent weight of the current error.
    public var beta1: Double
    /// Exponent weight of the previous error.
    public var beta2: Double
    /// Exponent weight of the error before that.
    public var beta3: Double
    /// Safety factor.
    public var safety: Double
    /// Smallest factor per step.
    public var minFactor: Double
    /// Largest factor per step.
    public var maxFactor: Double
    /// Factors in `[1, acceptSafety]` leave the step size unchanged, which helps implicit methods
    /// reuse factorisations.
    public var acceptSafety: Double

    /// A PID controller with the given filter coefficients.
    public init(
        beta1: Double = 0.7, beta2: Double = -0.4, beta3: Double = 0, safety: Double = 0.9,
        minFactor: Double = 0.2, maxFactor: Double = 10, acceptSafety: Double = 1
    ) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.beta3 = beta3
        self.safety = safety
        self.minFactor = minFactor
        self.maxFactor = maxFactor
        self.acceptSafety = acceptSafety
    }

    /// diffrax-style coefficients: proportional, integral, derivative.
    public init(proportional p: Double, integral i: Double, derivative d: Double = 0) {
        self.init(beta1: p + i + d, beta2: -(p + 2 * d), beta3: d)
    }
}
