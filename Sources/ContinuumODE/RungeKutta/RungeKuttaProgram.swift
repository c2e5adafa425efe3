/// A ``ButcherTableau`` compiled for the engine: every coefficient row in compressed contiguous
/// storage, indexed by logical stage. Built once per method value and shared by all its solves.
@usableFromInline
final class RungeKuttaProgram: @unchecked Sendable {
    /// The tableau this program was compiled from.
    let tableau: ButcherTableau
    @usableFromInline let stageCount: Int
    @usableFromInline let isFSAL: Bool
    @usableFromInline let newPointStage: Int
    @usableFromInline let logicalStageCount: Int
    /// Nodes of all logical stages.
    @usableFromInline let c: UnsafeMutablePointer<Double>
    /// Row `i` defines the argument of logical stage `i` (row 0 and the new-point row are unused).
    @usableFromInline let stageRows: SparseRows
    /// The propagated weights `b`.
    @usableFromInline let weights: SparseRows
    /// Error weights: row 0 is the (fifth-order) estimate, row 1 the third-order one of a blended
    /// estimator; no rows when the method has no estimator (not optional: binding an optional class
    /// reference costs a retain and a release per step).
    @usableFromInline let errorRows: SparseRows
    @usableFromInline let hasErrorEstimate: Bool
    @usableFromInline let isBlended: Bool
    @usableFromInline let errorNeedsNewPoint: Bool
    /// Row `j` holds the weights of `θ^(j+1)` over the logical stages.
    @usableFromInline let denseRows: SparseRows
    @usableFromInline let denseDegree: Int
    @usableFromInline let firstExtraStage: Int
    @usableFromInline let probeStage: Int
    @usableFromInline let stiffnessBound: Double

    init(_ tableau: ButcherTableau) {
        self.tableau = tableau
        let s = tableau.stageCount
        stageCount = s
        isFSAL = tableau.isFSAL
        newPointStage = tableau.newPointStage
        firstExtraStage = tableau.baseLogicalStageCount
        logicalStageCount = tableau.logicalStageCount
        let extras = tableau.denseOutput.extraStages

        var nodes = tableau.c
        var rows = tableau.a
        if !isFSAL {
            nodes.append(1)
            rows.append(tableau.b)
        }
        for extra in extras {
            nodes.append(extra.c)
            rows.append(extra.a)
        }
        c = .allocate(capacity: nodes.count)
        c.initialize(from: nodes, count: nodes.count)
        stageRows = SparseRows(rows)
        weights = SparseRows([tableau.b])

        hasErrorEstimate = tableau.errorEstimator != nil
        switch tableau.errorEstimator {
        case .none:
            errorRows = SparseRows([])
            isBlended = false
            errorNeedsNewPoint = false
        case .embedded(let e, _)?:
            errorRows = SparseRows([e])
            isBlended = false
            errorNeedsNewPoint = e.count > s && e[s...].contains { $0 != 0 }
        case .blended(let e5, let e3, _)?:
            errorRows = SparseRows([e5, e3])
            isBlended = true
            errorNeedsNewPoint = (e5.count > s && e5[s...].contains { $0 != 0 })
                || (e3.count > s && e3[s...].contains { $0 != 0 })
        }
        precondition(!(isFSAL && errorNeedsNewPoint), "\(tableau.name): FSAL error weights cannot exceed the stages")

        let degree = tableau.denseOutput.degree
        denseDegree = degree
        var columns = [[Double]](repeating: [Double](repeating: 0, count: logicalStageCount), count: degree)
        for (i, row) in tableau.denseOutput.weights.enumerated() {
            for (j, w) in row.enumerated() { columns[j][i] = w }
        }
        denseRows = SparseRows(columns)

        if let probe = tableau.stiffnessProbe {
            // The probe compares f(y₁) with the last stage whose argument the engine kept in its
            // stage buffer: the stage before the FSAL stage, or the last stage otherwise.
            precondition(probe.stage == (isFSAL ? s - 2 : s - 1), "\(tableau.name): unsupported stiffness probe stage")
            probeStage = probe.stage
            stiffnessBound = probe.bound
        } else {
            probeStage = -1
            stiffnessBound = .infinity
        }
    }

    deinit { c.deallocate() }
}
