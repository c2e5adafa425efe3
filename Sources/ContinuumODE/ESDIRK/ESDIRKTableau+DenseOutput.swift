extension ESDIRKTableau {
    /// The continuous extension of an ESDIRK method.
    ///
    /// Why interpolating stage values can beat Hermite interpolation here: on a stiff problem the
    /// derivative `f` at the end points of a step carries `|λ|` times whatever separates the
    /// numerical solution from the slow manifold (tolerance-sized, Newton-iteration-sized), and
    /// the Hermite cubic's coefficient of the explicit stage `z₁ = h f(t, y)` does not vanish, so
    /// its stiff components grow like `hλ` times that deviation as `hλ → −∞`. Each stage value `Yᵢ`
    /// instead solves its own implicit equation, so in the stiff limit its stiff components stay
    /// bounded multiples of the deviation at the start of the step, and so does a polynomial
    /// through stage values (KenCarp4's published weights are bounded too). On Van der Pol (μ = 1000, rtol = 1e-8, atol = 1e-10)
    /// Kvaerno5 read off the Hermite interpolant is off by 2.3e-5 (relative) at the reference
    /// times, off the stage-value cubic by 3.0e-6 (and by 3e-7 at the steps themselves). The price:
    /// stage values are only accurate to the stage order (2), which caps such an interpolant's
    /// order at 3.
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
