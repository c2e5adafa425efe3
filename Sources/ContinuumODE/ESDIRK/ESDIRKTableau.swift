/// The coefficients of an ESDIRK method (a singly diagonally implicit Runge-Kutta method with an
/// explicit first stage), stored as data.
///
/// The Butcher matrix is lower triangular with `a₁₁ = 0` and the constant diagonal `aᵢᵢ = γ` for
/// `i ≥ 2`. In the form the engine runs, with `zᵢ = h f(t + cᵢh, Yᵢ)`:
///
///     z₁ = h f(t, y),
///     Yᵢ = y + Σⱼ<ᵢ aᵢⱼ zⱼ + γ zᵢ          (i ≥ 2: one implicit equation per stage),
///     y₁ = y + Σᵢ bᵢ zᵢ,      err = Σᵢ (bᵢ − b̂ᵢ) zᵢ.
///
/// A method whose last row of `A` is `bᵀ` (with `cₛ = 1`) is *stiffly accurate*: `y₁ = Yₛ`, which
/// makes it L-stable when it is A-stable, and `f(t + h, y₁) = zₛ/h` comes for free.
///
/// The continuous extension is written in the driver's monomial form
/// `y(t + θh) = y + Σₖ θᵏ Σᵢ Dₖᵢ zᵢ` (see ``DenseOutput``).
public struct ESDIRKTableau: Sendable {
    /// A short lowercase identifier, e.g. `"kvaerno5"`; what the command line accepts.
    public let name: String
    /// A human-readable name, e.g. `"Kvaerno5 (Kværnø 2004)"`.
    public let displayName: String
    /// The diagonal coefficient `γ` shared by every implicit stage.
    public let gamma: Double
    /// The strictly lower part of `A`: row `i` holds `aᵢⱼ` for `j < i` (row 0 is empty; rows may be
    /// shorter, missing entries are zero).
    public let a: [[Double]]
    /// Weights `bᵢ` of the propagated solution.
    public let b: [Double]
    /// Weights `b̂ᵢ` of the embedded solution.
    public let embeddedWeights: [Double]
    /// Nodes `cᵢ` (`c₁ = 0`).
    public let c: [Double]
    /// Classical order of `y₁`.
    public let order: Int
    /// Classical order of the embedded solution.
    public let embeddedOrder: Int
    /// The continuous extension.
    public let denseOutput: DenseOutput
    /// Step-size controller defaults for the method.
    public let recommendedController: ControllerDefaults

    /// Creates a tableau; see the type's documentation for each coefficient.
    public init(
        name: String, displayName: String, gamma: Double, a: [[Double]], b: [Double], embeddedWeights: [Double],
        c: [Double], order: Int, embeddedOrder: Int, denseOutput: DenseOutput = .hermite,
        recommendedController: ControllerDefaults = .esdirk
    ) {
        let s = b.count
        precondition(s >= 2 && gamma > 0, "\(name): needs at least two stages and γ > 0")
        precondition(a.count == s && c.count == s && embeddedWeights.count == s,
                     "\(name): a, c and the embedded weights need one entry per stage")
        precondition(c[0] == 0, "\(name): the first stage is explicit, so c₁ = 0")
        for (i, row) in a.enumerated() { precondition(row.count <= i, "\(name): row \(i) of a is not strictly lower") }
        switch denseOutput {
        case .hermite: break
        case .stages(let weights, _):
            precondition(weights.allSatisfy { $0.count <= s }, "\(name): dense weights exceed the stages")
        case .stageValues(let interior, _):
            precondition(interior.allSatisfy { $0 > 0 && $0 < s && c[$0] > 0 && c[$0] < 1 }
                && Set(interior.map { c[$0] }).count == interior.count,
                "\(name): interpolated stages need distinct nodes inside (0, 1)")
        }
        self.name = name
        self.displayName = displayName
        self.gamma = gamma
        self.a = a
        self.b = b
        self.embeddedWeights = embeddedWeights
        self.c = c
        self.order = order
        self.embeddedOrder = embeddedOrder
        self.denseOutput = denseOutput
        self.recommendedController = recommendedController
    }

    /// Number of stages `s`, the explicit first one included.
    public var stageCount: Int { b.count }

    /// The controller's exponent order: the error estimate is `O(h^(min(p, p̂) + 1))`.
    public var controllerOrder: Int { min(order, embeddedOrder) + 1 }

    /// `aᵢⱼ` with zeros filled in (`j < i`).
    public func lower(_ i: Int, _ j: Int) -> Double { j < a[i].count ? a[i][j] : 0 }

    /// The full `s × s` Butcher matrix, diagonal included (for order conditions).
    public var butcherMatrix: [[Double]] {
        (0..<stageCount).map { i in (0..<stageCount).map { j in j < i ? lower(i, j) : (j == i && i > 0 ? gamma : 0) } }
    }

    /// Whether the last row of `A` equals `bᵀ` and `cₛ = 1`: then `y₁` is the last stage value.
    public var isStifflyAccurate: Bool {
        let s = stageCount
        return c[s - 1] == 1 && b[s - 1] == gamma && (0..<(s - 1)).allSatisfy { lower(s - 1, $0) == b[$0] }
    }

    /// The error weights `bᵢ − b̂ᵢ`.
    public var errorWeights: [Double] { zip(b, embeddedWeights).map { $0 - $1 } }
}

extension ControllerDefaults {
    /// Step-size limits for ESDIRK methods: factor in [0.2, 6], safety 0.9, a mild PI term (as
    /// for the Rosenbrock family; Newton failures are handled by the smallest factor).
    public static let esdirk = ControllerDefaults(beta: 0.04, minFactor: 0.2, maxFactor: 6, safety: 0.9)
}
