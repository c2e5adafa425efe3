import ContinuumODE

/// A ``DifferentiableVectorField`` that evaluates `f` and its vector-Jacobian product on many
/// samples `(tᵣ, yᵣ)` in one call, for solvers that advance many initial-value problems sharing
/// one field (``BatchedDiscreteAdjoint``).
///
/// Rows are stored row-major: row `r` of `states` holds `yᵣ` (``dimension`` values). A network
/// evaluated on the whole batch works on independent rows at once instead of one latency-bound
/// chain per sample. The default implementations loop over the rows with the single-sample
/// requirements, so conforming needs no code; fields with a faster batched path override them.
///
/// A field may also *record* per row what its VJP needs from the forward pass (``recordWidth``
/// values, e.g. a network's hidden activations): the solver stores the record of every stage it
/// keeps and hands it back to ``vectorJacobianProduct(rows:times:states:records:cotangents:stateProducts:addingParameterProductTo:)``,
/// which then need not recompute the forward pass. Records are passed as one pointer per row, so
/// the solver's tape receives them without intermediate copies.
public protocol BatchedDifferentiableVectorField: DifferentiableVectorField {
    /// The largest number of rows one batched call accepts (`Int.max`: any).
    var batchCapacity: Int { get }

    /// Values per row written by a recording ``evaluate(rows:times:states:derivatives:records:)``
    /// (0: the field records nothing and its VJP recomputes what it needs).
    var recordWidth: Int { get }

    /// Writes `f(tᵣ, yᵣ)` into row `r` of `derivatives` for `r < rows`, and, if `records` is
    /// given, ``recordWidth`` values for a later VJP at `(tᵣ, yᵣ)` to `records[r]`.
    func evaluate(
        rows: Int, times: UnsafePointer<Double>, states: UnsafePointer<Double>,
        derivatives: UnsafeMutablePointer<Double>, records: UnsafePointer<UnsafeMutablePointer<Double>>?)

    /// Writes `vᵣᵀ ∂f/∂y(tᵣ, yᵣ)` into row `r` of `stateProducts` and **adds** `Σᵣ vᵣᵀ ∂f/∂θ(tᵣ, yᵣ)`
    /// to `parameterGradient` (``parameterCount`` values). `records[r]`, if given, holds what a
    /// recording evaluation wrote at the same `(tᵣ, yᵣ)`.
    func vectorJacobianProduct(
        rows: Int, times: UnsafePointer<Double>, states: UnsafePointer<Double>,
        records: UnsafePointer<UnsafePointer<Double>>?,
        cotangents: UnsafePointer<Double>, stateProducts: UnsafeMutablePointer<Double>,
        addingParameterProductTo parameterGradient: UnsafeMutablePointer<Double>)
}

extension BatchedDifferentiableVectorField {
    /// Any number of rows.
    public var batchCapacity: Int { .max }

    /// Nothing recorded.
    public var recordWidth: Int { 0 }

    /// One ``VectorField/evaluate(_:_:_:)`` per row.
    public func evaluate(
        rows: Int, times: UnsafePointer<Double>, states: UnsafePointer<Double>,
        derivatives: UnsafeMutablePointer<Double>, records: UnsafePointer<UnsafeMutablePointer<Double>>?
    ) {
        let n = dimension
        for r in 0..<rows {
            evaluate(
                times[r], UnsafeBufferPointer(start: states + r * n, count: n),
                UnsafeMutableBufferPointer(start: derivatives + r * n, count: n))
        }
    }

    /// One single-sample vector-Jacobian product per row (parameter products summed through stack
    /// scratch).
    public func vectorJacobianProduct(
        rows: Int, times: UnsafePointer<Double>, states: UnsafePointer<Double>,
        records: UnsafePointer<UnsafePointer<Double>>?, cotangents: UnsafePointer<Double>,
        stateProducts: UnsafeMutablePointer<Double>, addingParameterProductTo parameterGradient: UnsafeMutablePointer<Double>
    ) {
        let n = dimension
        let p = parameterCount
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(p, 1)) { product in
            for r in 0..<rows {
                vectorJacobianProduct(
                    times[r], UnsafeBufferPointer(start: states + r * n, count: n),
                    UnsafeBufferPointer(start: cotangents + r * n, count: n),
                    stateProduct: UnsafeMutableBufferPointer(start: stateProducts + r * n, count: n),
                    parameterProduct: UnsafeMutableBufferPointer(start: product.baseAddress!, count: p))
                for k in 0..<p { parameterGradient[k] += product[k] }
            }
        }
    }
}
