import ContinuumODE

/// An FSAL explicit Runge-Kutta tableau with an embedded error estimate, laid out for the batched
/// discrete adjoint: sparse stage rows in the engine's summation order, the error row, and the
/// stages the reverse pass needs.
final class BatchedTableau {
    let s: Int
    /// Dense `a` (`s × s`, row-major); row `s − 1` equals `b` (first same as last).
    let a: [Double]
    let b: [Double]
    let c: [Double]
    /// Nonzero entries `(j, aᵢⱼ)` of each stage row, in column order; row `s` holds the error
    /// weights `eⱼ`.
    let rows: SparseCoefficients
    /// Stages influencing `y₁` (all but the FSAL stage for Dormand-Prince), in order.
    let needed: [Int]
    /// For the `m`-th needed stage `i`, the later needed stages `j` with `aⱼᵢ ≠ 0`: `(j, aⱼᵢ)`.
    let reverseTerms: SparseCoefficients
    let order: Double
    let probe: ButcherTableau.StiffnessProbe?

    init(_ tableau: ButcherTableau) throws(SensitivityError) {
        guard tableau.isFSAL else {
            throw .unsupported("the batched discrete adjoint runs FSAL tableaux; \(tableau.name) is not one")
        }
        guard case let .embedded(weights, _)? = tableau.errorEstimator, weights.count <= tableau.stageCount else {
            throw .unsupported("the batched discrete adjoint needs an embedded error estimate within the stages")
        }
        let s = tableau.stageCount
        self.s = s
        var dense = [Double](repeating: 0, count: s * s)
        for i in 0..<s { for j in 0..<i where j < tableau.a[i].count { dense[i * s + j] = tableau.a[i][j] } }
        a = dense
        b = tableau.b
        c = tableau.c
        rows = SparseCoefficients(
            (0..<s).map { i in (0..<i).compactMap { j in dense[i * s + j] != 0 ? (j, dense[i * s + j]) : nil } }
                + [weights.enumerated().compactMap { $0.element != 0 ? ($0.offset, $0.element) : nil }])
        var isNeeded = [Bool](repeating: false, count: s)
        for i in stride(from: s - 1, through: 0, by: -1) {
            isNeeded[i] = tableau.b[i] != 0 || ((i + 1)..<s).contains { isNeeded[$0] && dense[$0 * s + i] != 0 }
        }
        let needed = (0..<s).filter { isNeeded[$0] }
        self.needed = needed
        reverseTerms = SparseCoefficients(
            needed.indices.map { m in
                needed[(m + 1)...].compactMap { j in dense[j * s + needed[m]] != 0 ? (j, dense[j * s + needed[m]]) : nil }
            })
        order = Double(tableau.controllerOrder)
        probe = tableau.stiffnessProbe
        if let probe, probe.stage != s - 2 {
            throw .unsupported("\(tableau.name): stiffness probe stage \(probe.stage) is not the stage before the last")
        }
    }

    /// Index of the error row in ``rows``.
    var errorRow: Int { s }
}

/// Sparse coefficient rows in flat storage: row `i` is entries `start[i]..<start[i + 1]` of
/// `column` and `value`.
final class SparseCoefficients {
    let start: UnsafeMutablePointer<Int>
    let column: UnsafeMutablePointer<Int>
    let value: UnsafeMutablePointer<Double>

    init(_ rows: [[(Int, Double)]]) {
        let entries = rows.flatMap { $0 }
        start = .allocate(capacity: rows.count + 1)
        column = .allocate(capacity: max(entries.count, 1))
        value = .allocate(capacity: max(entries.count, 1))
        var offset = 0
        for (i, row) in rows.enumerated() {
            start[i] = offset
            offset += row.count
        }
        start[rows.count] = offset
        for (k, entry) in entries.enumerated() {
            column[k] = entry.0
            value[k] = entry.1
        }
    }

    deinit {
        start.deallocate()
        column.deallocate()
        value.deallocate()
    }

    /// `out = base + h Σⱼ rowⱼ kⱼ` (`base` nil: zero; `kⱼ` at `slopes + j·n`) with the sum taken
    /// as the ODE engine takes it, `(h Σ_{j<last} rowⱼ kⱼ + base) + (h row_last) k_last`, so a
    /// window's steps are those of its solve alone to the last bit.
    ///
    /// `copy`, if given, receives the same values: writing both here keeps a caller from reading
    /// `out` back with wider loads than these scalar stores, which the core cannot forward.
    @inline(__always)
    func combine(
        row i: Int, h: Double, base: UnsafePointer<Double>?, slopes: UnsafePointer<Double>, n: Int,
        into out: UnsafeMutablePointer<Double>, copy: UnsafeMutablePointer<Double>? = nil
    ) {
        let first = start[i]
        let end = start[i + 1]
        guard end > first else {
            for k in 0..<n {
                out[k] = base?[k] ?? 0
                copy?[k] = out[k]
            }
            return
        }
        let newest = slopes + column[end - 1] * n
        let newestWeight = h * value[end - 1]
        for k in 0..<n {
            var acc = 0.0
            for p in first..<(end - 1) { acc += value[p] * slopes[column[p] * n + k] }
            var partial = h * acc
            if let base { partial += base[k] }
            let value = partial + newestWeight * newest[k]
            out[k] = value
            copy?[k] = value
        }
    }
}
