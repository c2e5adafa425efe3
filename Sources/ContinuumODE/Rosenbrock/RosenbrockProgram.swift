/// A ``RosenbrockTableau`` compiled for the engine: every coefficient row in compressed contiguous
/// storage. Built once per method value and shared by all its solves.
@usableFromInline
final class RosenbrockProgram: @unchecked Sendable {
    @usableFromInline let stageCount: Int
    @usableFromInline let gamma: Double
    /// Row `i`: the argument `y + Σ aᵢⱼ uⱼ` of stage `i`.
    @usableFromInline let arguments: SparseRows
    /// Row `i`: the coupling `Σ cᵢⱼ uⱼ` (scaled by `1/h`).
    @usableFromInline let couplings: SparseRows
    /// Row `i`: `Σ eᵢⱼ Fⱼ` over earlier stage derivatives; `nil` when every row is empty.
    @usableFromInline let derivativeCouplings: SparseRows?
    /// Nodes `αᵢ` and time weights `γᵢ`.
    @usableFromInline let nodes: UnsafeMutablePointer<Double>
    @usableFromInline let timeWeights: UnsafeMutablePointer<Double>
    /// Row 0: the weights `m` of `y₁`.
    @usableFromInline let solution: SparseRows
    /// Row 0: the error weights `m − m̂`.
    @usableFromInline let error: SparseRows
    /// Row `k`: the weights of `θ^(k+1)` in the continuous extension.
    @usableFromInline let dense: SparseRows
    @usableFromInline let denseDegree: Int
    /// Whether the last stage evaluates `f(t + h, y₁)`.
    @usableFromInline let isFSAL: Bool

    init(_ tableau: RosenbrockTableau) {
        let s = tableau.stageCount
        stageCount = s
        gamma = tableau.gamma
        arguments = SparseRows(tableau.a)
        couplings = SparseRows(tableau.c)
        let e = tableau.derivativeWeights + [[Double]](repeating: [], count: s - tableau.derivativeWeights.count)
        derivativeCouplings = e.contains { $0.contains { $0 != 0 } } ? SparseRows(e) : nil
        nodes = .allocate(capacity: s)
        nodes.initialize(from: tableau.nodes, count: s)
        timeWeights = .allocate(capacity: s)
        timeWeights.initialize(from: tableau.timeWeights, count: s)
        solution = SparseRows([tableau.m])
        error = SparseRows([tableau.errorWeights])
        dense = SparseRows(tableau.denseOutput.weights)
        denseDegree = tableau.denseOutput.degree
        isFSAL = tableau.isFSAL
    }

    deinit {
        nodes.deallocate()
        timeWeights.deallocate()
    }
}
