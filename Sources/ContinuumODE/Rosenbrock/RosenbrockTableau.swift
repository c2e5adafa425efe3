/// The coefficients of a Rosenbrock (linearly implicit Runge-Kutta) method, stored as data, in
/// the transformed form of Hairer & Wanner (*Solving ODEs II*, IV.7) that needs no matrix-vector
/// products with the Jacobian `J = ∂f/∂y`.
///
/// With `W = I/(hγ) − J` factorised once per step, the stages `uᵢ` solve
///
///     W uᵢ = f(t + αᵢh, y + Σⱼ<ᵢ aᵢⱼ uⱼ) + Σⱼ<ᵢ (cᵢⱼ/h) uⱼ + γᵢ h ∂f/∂t + Σⱼ<ᵢ eᵢⱼ Fⱼ,
///
/// where `Fⱼ` is the value of `f` evaluated for stage `j` (`F₀ = f(t, y)`), and
///
///     y₁ = y + Σᵢ mᵢ uᵢ,      err = Σᵢ (mᵢ − m̂ᵢ) uᵢ.
///
/// The last sum is not part of the classical form (its `eᵢⱼ` are zero for every Rodas method); it
/// expresses Shampine & Reichelt's ode23s, whose error stage combines earlier values of `f`.
///
/// The relation to the untransformed coefficients `αᵢⱼ`, `γᵢⱼ` (`Γ` lower triangular with
/// diagonal `γ`) and weights `bᵢ`: `a = αΓ⁻¹`, `C = diag(1/γ) − Γ⁻¹`, `mᵀ = bᵀΓ⁻¹`, `αᵢ = Σⱼ αᵢⱼ`,
/// `γᵢ = Σⱼ γᵢⱼ`. A method whose last stage argument is `y₁` itself (with `αₛ = 1`) has its
/// `f(t + h, y₁)` for free; the engine derives this ("FSAL") from the coefficients.
///
/// The continuous extension is written in the driver's monomial form
/// `y(t + θh) = y + Σₖ θᵏ Σᵢ Dₖᵢ uᵢ` (see ``DenseOutput``).
public struct RosenbrockTableau: Sendable {
    /// A short lowercase identifier, e.g. `"rodas5p"`; what the command line accepts.
    public let name: String
    /// A human-readable name, e.g. `"Rodas5P (Steinebach 2023)"`.
    public let displayName: String
    /// The diagonal coefficient `γ` of the iteration matrix `I/(hγ) − J`.
    public let gamma: Double
    /// `aᵢⱼ`: row `i` holds the `i` coefficients of the stage argument.
    public let a: [[Double]]
    /// `cᵢⱼ`: row `i` holds the `i` coefficients coupling earlier stages into stage `i`.
    public let c: [[Double]]
    /// `eᵢⱼ`: row `i` holds the weights of earlier `Fⱼ` in stage `i` (empty rows for classical methods).
    public let derivativeWeights: [[Double]]
    /// Nodes `αᵢ`: stage `i` evaluates `f` at `t + αᵢh`.
    public let nodes: [Double]
    /// `γᵢ = Σⱼ γᵢⱼ`, the weights of `h ∂f/∂t` (non-autonomous problems).
    public let timeWeights: [Double]
    /// Weights `mᵢ` of the propagated solution.
    public let m: [Double]
    /// `mᵢ − m̂ᵢ`: the local error estimate's weights.
    public let errorWeights: [Double]
    /// Classical order of `y₁`.
    public let order: Int
    /// Order of the embedded solution `ŷ₁ = y + Σ m̂ᵢ uᵢ`.
    public let embeddedOrder: Int
    /// The continuous extension.
    public let denseOutput: DenseOutput
    /// Step-size controller defaults for the method.
    public let recommendedController: ControllerDefaults

    /// Creates a tableau; see the type's documentation for each coefficient. Rows of `a`, `c` and
    /// `derivativeWeights` may be shorter than their stage index (missing entries are zero).
    public init(
        name: String, displayName: String, gamma: Double, a: [[Double]], c: [[Double]],
        derivativeWeights: [[Double]] = [], nodes: [Double], timeWeights: [Double], m: [Double],
        errorWeights: [Double], order: Int, embeddedOrder: Int, denseOutput: DenseOutput,
        recommendedController: ControllerDefaults = .rosenbrock
    ) {
        let s = m.count
        precondition(s > 0 && gamma > 0, "\(name): needs stages and γ > 0")
        precondition(a.count == s && c.count == s && nodes.count == s && timeWeights.count == s
            && errorWeights.count == s, "\(name): a, c, nodes, timeWeights and errorWeights need one entry per stage")
        precondition(derivativeWeights.count <= s, "\(name): too many rows of derivative weights")
        for (i, row) in a.enumerated() { precondition(row.count <= i, "\(name): row \(i) of a is not strictly lower") }
        for (i, row) in c.enumerated() { precondition(row.count <= i, "\(name): row \(i) of c is not strictly lower") }
        for (i, row) in derivativeWeights.enumerated() {
            precondition(row.count <= i, "\(name): row \(i) of the derivative weights is not strictly lower")
        }
        precondition(denseOutput.weights.allSatisfy { $0.count <= s }, "\(name): dense weights exceed the stages")
        self.name = name
        self.displayName = displayName
        self.gamma = gamma
        self.a = a
        self.c = c
        self.derivativeWeights = derivativeWeights
        self.nodes = nodes
        self.timeWeights = timeWeights
        self.m = m
        self.errorWeights = errorWeights
        self.order = order
        self.embeddedOrder = embeddedOrder
        self.denseOutput = denseOutput
        self.recommendedController = recommendedController
    }

    /// Number of stages `s`.
    public var stageCount: Int { m.count }

    /// The controller's exponent order: the error estimate is `O(h^(min(p, p̂) + 1))`.
    public var controllerOrder: Int { min(order, embeddedOrder) + 1 }

    /// Whether the last stage evaluates `f` at `(t + h, y₁)`, so that the step's end derivative
    /// costs nothing extra.
    public var isFSAL: Bool {
        let s = stageCount
        guard nodes[s - 1] == 1, m[s - 1] == 0 else { return false }
        let last = a[s - 1]
        return (0..<(s - 1)).allSatisfy { j in (j < last.count ? last[j] : 0) == m[j] }
    }
}

extension RosenbrockTableau {
    /// The continuous extension `y(t + θh) = y + Σₖ₌₁…d θᵏ rₖ` with `rₖ = Σᵢ weights[k−1][i] uᵢ`.
    public struct DenseOutput: Sendable {
        /// `weights[k − 1][i]` multiplies `θᵏ uᵢ`; rows may be shorter than the stage count.
        public let weights: [[Double]]
        /// Order of accuracy of the interpolant.
        public let order: Int

        /// A continuous extension given in monomial form.
        public init(weights: [[Double]], order: Int) {
            self.weights = weights
            self.order = order
        }

        /// Polynomial degree in θ.
        public var degree: Int { weights.count }

        /// The form of Hairer's RODAS and of the Rodas family in OrdinaryDiffEq,
        /// `y(θ) = (1 − θ) y + θ (y₁ + (1 − θ)(K₁ + θ K₂ + … + θ^(q−1) K_q))` with `Kₖ = Σᵢ hₖᵢ uᵢ`,
        /// rewritten in monomial form: `r₁ = Δ + K₁`, `rₖ = Kₖ − Kₖ₋₁`, `r_(q+1) = −K_q`, where
        /// `Δ = y₁ − y = Σ mᵢ uᵢ`.
        public static func rodas(m: [Double], h: [[Double]], order: Int) -> DenseOutput {
            let s = m.count
            let q = h.count
            func row(_ k: Int) -> [Double] { (0..<s).map { i in i < h[k].count ? h[k][i] : 0 } }
            var weights: [[Double]] = []
            weights.append(zip(m, row(0)).map { $0 + $1 })
            for k in 1..<q { weights.append(zip(row(k), row(k - 1)).map { $0 - $1 }) }
            weights.append(row(q - 1).map { -$0 })
            return DenseOutput(weights: weights, order: order)
        }
    }
}

extension ControllerDefaults {
    /// Step-size control of Hairer's RODAS: factor in [0.2, 6], safety 0.9, a mild PI term.
    public static let rosenbrock = ControllerDefaults(beta: 0.04, minFactor: 0.2, maxFactor: 6, safety: 0.9)
}
