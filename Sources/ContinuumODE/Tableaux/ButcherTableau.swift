/// The coefficients of an explicit Runge-Kutta method, stored as data.
///
/// A tableau with `s` stages advances `y' = f(t, y)` by
///
///     kᵢ = f(t + cᵢh, y + h Σⱼ<ᵢ aᵢⱼ kⱼ),   y₁ = y + h Σᵢ bᵢ kᵢ.
///
/// Everything a solver needs beyond the Butcher array is described here too, so that one engine
/// (``ExplicitRungeKutta``) runs every method:
///
/// - the error estimator (``ErrorEstimator``), as weights over the stages;
/// - the continuous extension (``DenseOutput``), as polynomial weights over the *logical stages*;
/// - the stiffness probe of Hairer's codes (``StiffnessProbe``).
///
/// **Logical stages.** Stages `0..<s` are the method's stages. If the method is not FSAL, the logical
/// stage `s` is `f(t + h, y₁)` (evaluated once per accepted step, and reused as the next step's first
/// stage). For an FSAL method the last stage already is `f(t + h, y₁)`, so no stage is added. Extra
/// stages needed only by the dense output follow, each defined over all logical stages before it.
///
/// Whether a method is FSAL and whether it is explicit are derived from the coefficients, not declared.
public struct ButcherTableau: Sendable {
    /// A short lowercase identifier, e.g. `"dopri5"`; what the command line accepts.
    public let name: String
    /// A human-readable name, e.g. `"Dormand-Prince 5(4)"`.
    public let displayName: String
    /// Nodes `cᵢ`, one per stage.
    public let c: [Double]
    /// The strictly lower-triangular Runge-Kutta matrix: row `i` holds `aᵢ₀ … aᵢ,ᵢ₋₁` (`i` entries).
    public let a: [[Double]]
    /// Weights `bᵢ` of the propagated solution.
    public let b: [Double]
    /// Classical order of the propagated solution.
    public let order: Int
    /// How the local error is estimated; `nil` for a fixed-step method.
    public let errorEstimator: ErrorEstimator?
    /// The continuous extension used for dense output, save-at times and events.
    public let denseOutput: DenseOutput
    /// Hairer's stiffness test, where the method defines one.
    public let stiffnessProbe: StiffnessProbe?
    /// Exponent order used by the step-size controller: `min(order, embedded order) + 1` is the usual
    /// choice (Hairer uses `1/5` for Dopri5 and `1/8` for DOP853).
    public let controllerOrder: Int
    /// Step-size controller defaults the method's authors recommend.
    public let recommendedController: ControllerDefaults

    /// Creates a tableau. See the type's documentation for the meaning of each field.
    public init(
        name: String,
        displayName: String,
        c: [Double],
        a: [[Double]],
        b: [Double],
        order: Int,
        errorEstimator: ErrorEstimator? = nil,
        denseOutput: DenseOutput? = nil,
        stiffnessProbe: StiffnessProbe? = nil,
        controllerOrder: Int? = nil,
        recommendedController: ControllerDefaults = .standard
    ) {
        precondition(c.count == b.count && a.count == b.count, "\(name): c, a and b must have one entry per stage")
        for (i, row) in a.enumerated() {
            precondition(row.count == i, "\(name): row \(i) of a must have \(i) entries (explicit methods only)")
        }
        self.name = name
        self.displayName = displayName
        self.c = c
        self.a = a
        self.b = b
        self.order = order
        self.errorEstimator = errorEstimator
        self.stiffnessProbe = stiffnessProbe
        self.recommendedController = recommendedController
        let embedded = errorEstimator?.embeddedOrder ?? order
        self.controllerOrder = controllerOrder ?? (min(order, embedded) + 1)
        let fsal = ButcherTableau.isFirstSameAsLast(c: c, a: a, b: b)
        self.denseOutput = denseOutput ?? .hermite(b: b, isFSAL: fsal, methodOrder: order)
    }

    /// Number of stages `s` of one step.
    public var stageCount: Int { b.count }

    /// Whether the last stage equals `f(t + h, y₁)`, so that it serves as the next step's first stage.
    public var isFSAL: Bool { ButcherTableau.isFirstSameAsLast(c: c, a: a, b: b) }

    /// Whether the step size can be chosen adaptively (the tableau carries an error estimator).
    public var isAdaptive: Bool { errorEstimator != nil }

    /// Number of logical stages before the dense-output extras: `s` if FSAL, `s + 1` otherwise.
    public var baseLogicalStageCount: Int { isFSAL ? stageCount : stageCount + 1 }

    /// Index of the logical stage that holds `f(t + h, y₁)`.
    public var newPointStage: Int { isFSAL ? stageCount - 1 : stageCount }

    /// Total number of logical stages including the dense-output extras.
    public var logicalStageCount: Int { baseLogicalStageCount + denseOutput.extraStages.count }

    static func isFirstSameAsLast(c: [Double], a: [[Double]], b: [Double]) -> Bool {
        guard let last = a.last, c.last == 1, last.count == b.count - 1 else { return false }
        return b.last == 0 && zip(last, b).allSatisfy { $0 == $1 }
    }
}

extension ButcherTableau {
    /// How a tableau estimates the local error of a step.
    public enum ErrorEstimator: Sendable {
        /// `err = h Σᵢ eᵢ kᵢ` with `eᵢ = bᵢ - b̂ᵢ` (so `Σ eᵢ = 0`), measured in the weighted RMS norm.
        /// `weights` may be longer than the stage count to include the logical stage `f(t + h, y₁)`
        /// of a non-FSAL method.
        case embedded(weights: [Double], order: Int)
        /// DOP853's estimator: a fifth-order estimate `e5` damped by a third-order one `e3`,
        /// `err = ‖e5‖² / sqrt(‖e5‖² + 0.01 ‖e3‖²)` (Hairer, Nørsett & Wanner, Sec. II.10).
        case blended(fifth: [Double], third: [Double], order: Int)

        /// Order of the embedded solution.
        public var embeddedOrder: Int {
            switch self {
            case .embedded(_, let order), .blended(_, _, let order): return order
            }
        }
    }

    /// The continuous extension `y(t + θh) = y + h Σᵢ Σⱼ Wᵢⱼ θʲ⁺¹ kᵢ` over the logical stages.
    public struct DenseOutput: Sendable {
        /// An extra stage needed only for dense output: `k = f(t + c h, y + h Σⱼ aⱼ kⱼ)` over all
        /// logical stages before it.
        public struct ExtraStage: Sendable {
            /// Node of the extra stage.
            public let c: Double
            /// Coefficients over all logical stages before this one.
            public let a: [Double]
            /// Creates an extra stage.
            public init(c: Double, a: [Double]) {
                self.c = c
                self.a = a
            }
        }

        /// Extra stages (empty for most methods).
        public let extraStages: [ExtraStage]
        /// `weights[i][j]` multiplies `θ^(j+1) kᵢ` for logical stage `i`. Rows may be missing at the
        /// end (treated as zero).
        public let weights: [[Double]]
        /// Order of accuracy of the interpolant.
        public let order: Int

        /// Creates a continuous extension.
        public init(extraStages: [ExtraStage] = [], weights: [[Double]], order: Int) {
            self.extraStages = extraStages
            self.weights = weights
            self.order = order
        }

        /// Polynomial degree in θ.
        public var degree: Int { weights.map(\.count).max() ?? 0 }

        /// Cubic Hermite interpolation between `(y₀, f₀)` and `(y₁, f₁)`, written over the stages:
        /// `y(θ) = y₀ + (3θ² − 2θ³)(y₁ − y₀) + h(θ − 2θ² + θ³) f₀ + h(θ³ − θ²) f₁`.
        /// Its order is 3, or the method's order if lower.
        public static func hermite(b: [Double], isFSAL: Bool, methodOrder: Int) -> DenseOutput {
            let s = b.count
            let newPoint = isFSAL ? s - 1 : s
            var w = [[Double]](repeating: [0, 0, 0], count: newPoint + 1)
            for i in 0..<s {
                w[i][1] += 3 * b[i]
                w[i][2] += -2 * b[i]
            }
            w[0][0] += 1
            w[0][1] += -2
            w[0][2] += 1
            w[newPoint][1] += -1
            w[newPoint][2] += 1
            return DenseOutput(weights: w, order: min(3, methodOrder))
        }
    }

    /// Hairer's stiffness detection: `h‖f(y₁) − f(ỹ)‖ / ‖y₁ − ỹ‖`, with `ỹ` the argument of logical stage
    /// `stage`, estimates `|hλ|` of the dominant eigenvalue; above `bound` (the edge of the stability
    /// region) the step is stiff. Fifteen stiff tests in a row declare the problem stiff.
    public struct StiffnessProbe: Sendable {
        /// The logical stage compared with `f(t + h, y₁)`.
        public let stage: Int
        /// `|hλ|` at the edge of the stability region along the negative real axis.
        public let bound: Double
        /// Creates a stiffness probe.
        public init(stage: Int, bound: Double) {
            self.stage = stage
            self.bound = bound
        }
    }
}
