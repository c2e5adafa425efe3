extension ESDIRKTableau {
    /// The continuous extension of an ESDIRK method.
    ///
    /// Why interpolating stage values can beat Hermite interpolation here: on a stiff problem the
    /// derivative `f` at the end points of a step carries `|λ|` times whatever separates the
    /// numerical solution from the slow manifold (tolerance-sized, Newton-iteration-sized), and
    /// the Hermite cubic's coefficient of the explicit stage `z₁ = h f(t, y)` does not vanish, so
    /// its stiff components are unbounded as `hλ → −∞`. Each stage value `Yᵢ` instead solves its own
    /// implicit equation and lies on the slow manifold like `y₁`; a polynomial through stage
    /// values is bounded in the stiff limit. On Van der Pol (μ = 1000, rtol = 1e-8) Kvaerno5's
    /// Hermite output is off by 1.6e-5 (relative) between steps and the stage-value cubic by 2.6e-6.
    public enum DenseOutput: Sendable {
        /// The cubic Hermite interpolant of `y, f(t, y), y₁, f(t + h, y₁)` (order 3).
        case hermite
        /// The method's own weights: `weights[k − 1][i]` multiplies `θᵏ zᵢ`; rows may be shorter
        /// than the stage count. `order` is the interpolant's order of accuracy.
        case stages(weights: [[Double]], order: Int)
        /// The polynomial through `y` at `θ = 0`, the stage values `Yᵢ` at `θ = cᵢ` for the listed
        /// stages (0-based indices, distinct nodes inside `(0, 1)`) and `y₁` at `θ = 1`; its degree
        /// is `interior.count + 1`. `order` is its order of accuracy (bounded by the stage order).
        case stageValues(interior: [Int], order: Int)

        /// Polynomial degree in θ.
        public var degree: Int {
            switch self {
            case .hermite: return 3
            case .stages(let weights, _): return weights.count
            case .stageValues(let interior, _): return interior.count + 1
            }
        }

        /// Order of accuracy of the interpolant.
        public var order: Int {
            switch self {
            case .hermite: return 3
            case .stages(_, let order), .stageValues(_, let order): return order
            }
        }
    }

    /// The continuous extension as weights over the stages, `weights[k − 1][i]` multiplying `θᵏ zᵢ`
    /// (the form of ``DenseOutput/stages(weights:order:)``); `nil` for the Hermite interpolant, which
    /// also involves `f(t + h, y₁)`.
    ///
    /// For ``DenseOutput/stageValues(interior:order:)``: with Lagrange polynomials `Lₘ` over the
    /// nodes `0, cᵢ…, 1` and each value written as `y + Σⱼ wₘⱼ zⱼ` (`wₘⱼ = aᵢⱼ`, diagonal
    /// included, for a stage; `bⱼ` for `y₁`), `y(θ) = y + Σⱼ (Σₘ Lₘ(θ) wₘⱼ) zⱼ`, because the
    /// `Lₘ` sum to one.
    public var denseWeights: [[Double]]? {
        switch denseOutput {
        case .hermite:
            return nil
        case .stages(let weights, _):
            return weights
        case .stageValues(let interior, _):
            let s = stageCount
            let full = butcherMatrix
            let nodes = [0] + interior.map { c[$0] } + [1]
            let values = [[Double](repeating: 0, count: s)] + interior.map { full[$0] } + [b]
            let degree = nodes.count - 1
            var weights = [[Double]](repeating: [Double](repeating: 0, count: s), count: degree)
            for (m, value) in values.enumerated() {
                // Coefficients of Lₘ: the solution of the Vandermonde system V ℓ = eₘ.
                let vandermonde = nodes.map { x in (0...degree).map { ESDIRKAlgebra.power(x, $0) } }
                let basis = ESDIRKAlgebra.solve(vandermonde, nodes.indices.map { $0 == m ? 1 : 0 })
                for k in 1...degree {
                    for j in 0..<s { weights[k - 1][j] += basis[k] * value[j] }
                }
            }
            return weights
        }
    }
}
