import ContinuumODE

extension OneStepStability {
    /// The stability function of an explicit Runge-Kutta tableau, or with `embedded` that of its
    /// error estimator's embedded solution `ŷ₁ = y₁ − h Σ eᵢkᵢ`.
    ///
    /// Estimator weights may include the logical stage `f(t + h, y₁)` of a non-FSAL method; it
    /// enters as one more stage whose row of `A` is `bᵀ`, so `ŷ₁` is still `1 + z b̂ᵀ(I − zA)⁻¹1`
    /// for the extended tableau. DOP853's blended estimator contributes its fifth-order part.
    /// `nil` when `embedded` is asked of a fixed-step tableau.
    public init?(_ tableau: ButcherTableau, embedded: Bool = false) {
        guard embedded else {
            self = ExplicitRungeKutta(tableau).linearStability
            return
        }
        let s = tableau.stageCount
        var a = (0..<s).map { i in (0..<s).map { j in j < i ? tableau.a[i][j] : 0 } }
        let errorWeights: [Double]
        switch tableau.errorEstimator {
        case .none: return nil
        case .embedded(let weights, _): errorWeights = weights
        case .blended(let fifth, _, _): errorWeights = fifth
        }
        var b = tableau.b
        if errorWeights.count > s {
            a = a.map { $0 + [0] } + [tableau.b + [0]]
            b.append(0)
        }
        let bHat = b.indices.map { i in b[i] - (i < errorWeights.count ? errorWeights[i] : 0) }
        self = .rungeKutta(name: tableau.name + " (embedded)", order: tableau.errorEstimator!.embeddedOrder, a: a, b: bHat)
    }

    /// The stability function of an ESDIRK tableau (`embedded`: of its embedded solution `b̂`).
    public init(_ tableau: ESDIRKTableau, embedded: Bool = false) {
        self = .rungeKutta(
            name: embedded ? tableau.name + " (embedded)" : tableau.name,
            order: embedded ? tableau.embeddedOrder : tableau.order,
            a: tableau.butcherMatrix, b: embedded ? tableau.embeddedWeights : tableau.b)
    }

    /// Radau IIA of order 5: stiffly accurate, so `b` is the last row of `A`.
    public init(_ coefficients: RadauCoefficients, name: String = "radau5") {
        let a = coefficients.matrix
        self = .rungeKutta(name: name, order: 5, a: a, b: a[a.count - 1])
    }

    /// The stability function of a Rosenbrock tableau in the transformed form the engine runs
    /// (`embedded`: of `ŷ₁ = y₁ − Σ(mᵢ − m̂ᵢ)uᵢ`).
    ///
    /// With `J = λ` and `z = hλ`, stage `i` of ``RosenbrockTableau`` reads, after multiplying by `h`,
    ///
    ///     (1/γ − z) uᵢ − Σⱼ (z aᵢⱼ + cᵢⱼ) uⱼ − z Σⱼ eᵢⱼ (1 + Σₖ aⱼₖ uₖ) = z,
    ///
    /// since `hFⱼ = z` times stage `j`'s argument. So `M₀ = diag(1/γ) − C` (which is `Γ⁻¹` of the
    /// untransformed form), `M₁ = −I − A − EA`, `r = 1 + E1` and `w = m`; for classical methods
    /// (`E = 0`) this is `R(z) = 1 + z bᵀ(I − z(α + Γ))⁻¹1` of Hairer & Wanner IV.7.
    public init(_ tableau: RosenbrockTableau, embedded: Bool = false) {
        let s = tableau.stageCount
        func entry(_ rows: [[Double]], _ i: Int, _ j: Int) -> Double {
            i < rows.count && j < rows[i].count ? rows[i][j] : 0
        }
        let e = tableau.derivativeWeights
        var m0 = [[Double]](repeating: [Double](repeating: 0, count: s), count: s)
        var m1 = m0
        var r = [Double](repeating: 1, count: s)
        for i in 0..<s {
            m0[i][i] = 1 / tableau.gamma
            m1[i][i] = -1
            for j in 0..<i {
                m0[i][j] = -entry(tableau.c, i, j)
                m1[i][j] = -entry(tableau.a, i, j)
                for l in 0..<i { m1[i][j] -= entry(e, i, l) * entry(tableau.a, l, j) }
                r[i] += entry(e, i, j)
            }
        }
        let w = embedded ? zip(tableau.m, tableau.errorWeights).map { $0 - $1 } : tableau.m
        self.init(name: embedded ? tableau.name + " (embedded)" : tableau.name,
                  order: embedded ? tableau.embeddedOrder : tableau.order,
                  constantPart: m0, linearPart: m1, load: r, weights: w)
    }
}
