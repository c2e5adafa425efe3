extension ButcherTableau.DenseOutput {
    /// The continuous extension in the nested form of Hairer's DOPRI5 and DOP853 codes,
    ///
    ///     y(θ) = r₁ + θ(r₂ + θ₁(r₃ + θ(r₄ + θ₁(r₅ + θ(r₆ + …)))))      with θ₁ = 1 − θ,
    ///
    /// where `r₁ = y₀`, `r₂ = y₁ − y₀`, `r₃ = h f₀ − r₂`, `r₄ = r₂ − h f₁ − r₃` and
    /// `r₅, r₆, …` are `h Σᵢ dᵢ kᵢ` for the rows `d` given here — converted to monomial weights.
    ///
    /// - Parameters:
    ///   - b: the propagated weights over the method's stages.
    ///   - newPointStage: the logical stage holding `f(t + h, y₁)`.
    ///   - extraStages: extra stages the rows `d` refer to.
    ///   - d: one row per `r₅, r₆, …`, over logical stages.
    ///   - order: the order of the interpolant.
    public static func hairerForm(
        b: [Double], newPointStage: Int, extraStages: [ExtraStage] = [], d: [[Double]], order: Int
    ) -> Self {
        let stageCount = max(newPointStage + 1, b.count) + extraStages.count
        func vector(_ entries: [Double]) -> [Double] {
            entries + [Double](repeating: 0, count: stageCount - entries.count)
        }
        // r₂, r₃, r₄ as combinations of h kᵢ.
        let r2 = vector(b)
        var f0 = vector([]); f0[0] = 1
        var f1 = vector([]); f1[newPointStage] = 1
        let r3 = zip(f0, r2).map { $0 - $1 }
        let r4 = (0..<stageCount).map { r2[$0] - f1[$0] - r3[$0] }
        let terms = [r2, r3, r4] + d.map(vector)
        // Horner from the innermost term: acc = r_m + multiplier_m · acc, where the multiplier after
        // r₂, r₄, … is θ₁ and after r₃, r₅, … is θ. Polynomials: poly[power][stage].
        var acc: [[Double]] = [terms[terms.count - 1]]
        for m in stride(from: terms.count - 2, through: 0, by: -1) {
            let multipliedByTheta = [vector([])] + acc
            let product: [[Double]]
            if m % 2 == 0 {
                // r₂ (m = 0), r₄, …: multiplier θ₁ = 1 − θ.
                let padded = acc + [vector([])]
                product = zip(padded, multipliedByTheta).map { zip($0, $1).map { $0 - $1 } }
            } else {
                product = multipliedByTheta
            }
            acc = product
            for i in 0..<stageCount { acc[0][i] += terms[m][i] }
        }
        // y(θ) − y₀ = θ · acc: the weight of θ^(j+1) is acc[j].
        var weights = [[Double]](repeating: [Double](repeating: 0, count: acc.count), count: stageCount)
        for (j, coefficients) in acc.enumerated() {
            for i in 0..<stageCount { weights[i][j] = coefficients[i] }
        }
        return Self(extraStages: extraStages, weights: weights, order: order)
    }
}
