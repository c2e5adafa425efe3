/// An ``ESDIRKTableau`` compiled for the engine: coefficient rows in compressed contiguous storage
/// and the stage predictors. Built once per method value and shared by all its solves.
@usableFromInline
final class ESDIRKProgram: @unchecked Sendable {
    @usableFromInline let stageCount: Int
    @usableFromInline let gamma: Double
    /// Row `i`: the known part `sᵢ = y + Σⱼ<ᵢ aᵢⱼ zⱼ` of stage `i`'s value.
    @usableFromInline let arguments: SparseRows
    /// Row `i`: the in-step predicted stage value `Yᵢ⁰ = y + Σⱼ<ᵢ βᵢⱼ zⱼ` (``predictors(_:)``).
    @usableFromInline let predictors: SparseRows
    /// Whether stage `i` is predicted by extrapolating the previous step's extension instead.
    @usableFromInline let extrapolates: UnsafeMutablePointer<Bool>
    /// Nodes `cᵢ`.
    @usableFromInline let nodes: UnsafeMutablePointer<Double>
    /// Row 0: the weights `b` of `y₁`.
    @usableFromInline let solution: SparseRows
    /// Row 0: the error weights `b − b̂`.
    @usableFromInline let error: SparseRows
    /// Row `k`: the weights of `θ^(k+1)` in the continuous extension; `nil` for Hermite.
    @usableFromInline let dense: SparseRows?
    @usableFromInline let denseDegree: Int
    /// Whether `y₁` is the last stage value, so that `f(t + h, y₁) = zₛ/h`.
    @usableFromInline let isStifflyAccurate: Bool

    init(_ tableau: ESDIRKTableau) {
        let s = tableau.stageCount
        stageCount = s
        gamma = tableau.gamma
        arguments = SparseRows(tableau.a)
        let (rows, extrapolated) = Self.predictors(tableau)
        predictors = SparseRows(rows)
        extrapolates = .allocate(capacity: s)
        extrapolates.initialize(from: extrapolated, count: s)
        nodes = .allocate(capacity: s)
        nodes.initialize(from: tableau.c, count: s)
        solution = SparseRows([tableau.b])
        error = SparseRows([tableau.errorWeights])
        dense = tableau.denseWeights.map { SparseRows($0) }
        denseDegree = tableau.denseOutput.degree
        isStifflyAccurate = tableau.isStifflyAccurate
    }

    deinit {
        extrapolates.deallocate()
        nodes.deallocate()
    }

    /// The starting values of the Newton iteration of each stage.
    ///
    /// From the stages already computed in the step, `Yᵢ⁰ = y + Σⱼ<ᵢ βᵢⱼ zⱼ` with
    /// - `Yᵢ⁰ = Yⱼ` when an earlier implicit stage `j` has the same node (Kvaerno5's last stage
    ///   starts from the embedded solution, accurate to `O(h⁵)`);
    /// - otherwise the interpolatory quadrature `∫₀^cᵢ p` of the polynomial `p` through the stage
    ///   derivatives at up to three distinct earlier nodes nearest to `cᵢ`:
    ///   `Σⱼ βᵢⱼ cⱼᵏ = cᵢᵏ⁺¹/(k + 1)`. The limit keeps extrapolation of low degree, where noise in
    ///   stiff components would otherwise be amplified.
    ///
    /// A stage that would see fewer than three earlier nodes (the first implicit stages, where the
    /// in-step predictor is Euler's method or a linear extrapolation) is flagged to be predicted
    /// instead from the previous step's continuous extension extrapolated to `t + cᵢh`, as RADAU5
    /// starts its iteration, whenever there is a previous step. On Van der Pol (μ = 1000) the
    /// Euler start of Kvaerno5's second stage made its iteration converge so slowly in the slow
    /// phases that half of all attempts were rejected, and the solve lost the phase of the
    /// oscillation at loose tolerances.
    static func predictors(_ tableau: ESDIRKTableau) -> (rows: [[Double]], extrapolated: [Bool]) {
        let s = tableau.stageCount
        let c = tableau.c
        let full = tableau.butcherMatrix
        var rows: [[Double]] = [[]]
        var extrapolated = [false]
        for i in 1..<s {
            if let twin = (1..<i).last(where: { c[$0] == c[i] }) {
                rows.append(Array(full[twin].prefix(i)))
                extrapolated.append(false)
                continue
            }
            // One stage per distinct node (the latest), nearest to cᵢ first.
            var chosen: [Int] = []
            for j in (0..<i).reversed() where !chosen.contains(where: { c[$0] == c[j] }) { chosen.append(j) }
            extrapolated.append(chosen.count < 3)
            chosen.sort { abs(c[$0] - c[i]) < abs(c[$1] - c[i]) }
            chosen = Array(chosen.prefix(3))
            let moments = chosen.indices.map { k in chosen.map { ESDIRKAlgebra.power(c[$0], k) } }
            let targets = chosen.indices.map { k in ESDIRKAlgebra.power(c[i], k + 1) / Double(k + 1) }
            let weights = ESDIRKAlgebra.solve(moments, targets)
            var row = [Double](repeating: 0, count: i)
            for (k, j) in chosen.enumerated() { row[j] = weights[k] }
            rows.append(row)
        }
        return (rows, extrapolated)
    }
}
