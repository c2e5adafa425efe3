import ContinuumODE

/// The exact reverse of one step of a ``SplittingMethod``, stage by stage.
///
/// A step applies stages `σ₁ … σ_s`, each a drift `q ← q + aᵢh v(p)` or a kick
/// `p ← p + bᵢh F(tᵢ, q)` (`tᵢ = t + cᵢh`, `cᵢ` the drift fractions before stage `i`). Taken from
/// the last stage to the first, a kick turns the cotangent `(q̄, p̄)` into
/// `q̄ += bᵢh (∂F/∂q)ᵀ p̄` and adds `bᵢh (∂F/∂θ)ᵀ p̄` to `θ̄`; a drift turns it into
/// `p̄ += aᵢh (∂v/∂p)ᵀ q̄` and adds `aᵢh (∂v/∂θ)ᵀ q̄`. Each needs only the variable its stage
/// does not change (`q` for a kick, `p` for a drift), which is why the state can be recovered on
/// the way back: undoing the stage (`p ← p − bᵢh F(tᵢ, q)`, `q ← q − aᵢh v(p)`) is its exact
/// inverse. Undoing the stages in reverse order is the step of the method with `−h` from `t + h`
/// when the method is symmetric; it inverts every splitting method, symmetric or not, up to
/// rounding.
///
/// ``reverse(t:h:q:p:coordinateCotangent:momentumCotangent:parameterGradient:)`` undoes and
/// differentiates in one sweep (constant memory); ``replay(t:h:q:p:)`` followed by
/// ``reverseReplayed(t:h:coordinateCotangent:momentumCotangent:parameterGradient:)`` does the same
/// from a stored start state, keeping the stage inputs instead.
@usableFromInline
final class SplittingReverse<Field: DifferentiablePartitionedField> {
    @usableFromInline let field: Field
    @usableFromInline let n: Int
    @usableFromInline let parameterCount: Int
    @usableFromInline let stageCount: Int
    /// Per stage: step fraction, clock (drift fraction before it), 1 for a drift else 0.
    @usableFromInline let table: ScratchBuffer
    /// Stage inputs of a replay (`s × n`: `q` before a kick, `p` before a drift), the evaluated
    /// part (`n`), the state or momentum product (`n`), the parameter product.
    @usableFromInline let scratch: ScratchBuffer

    @usableFromInline
    init(_ method: SplittingMethod, field: Field) {
        self.field = field
        n = field.degreesOfFreedom
        parameterCount = field.parameterCount
        let stages = method.coefficients.merged.stages
        stageCount = stages.count
        table = ScratchBuffer(count: 3 * stages.count)
        var clock = 0.0
        for (i, stage) in stages.enumerated() {
            let isDrift: Bool
            if case .drift = stage { isDrift = true } else { isDrift = false }
            table.pointer[3 * i] = stage.fraction
            table.pointer[3 * i + 1] = clock
            table.pointer[3 * i + 2] = isDrift ? 1 : 0
            if isDrift { clock += stage.fraction }
        }
        scratch = ScratchBuffer(count: stages.count * n + 2 * n + parameterCount)
    }

    @inlinable @inline(__always) func fraction(_ i: Int) -> Double { table.pointer[3 * i] }
    @inlinable @inline(__always) func clock(_ i: Int) -> Double { table.pointer[3 * i + 1] }
    @inlinable @inline(__always) func isDrift(_ i: Int) -> Bool { table.pointer[3 * i + 2] != 0 }

    @inlinable var evaluated: UnsafeMutableBufferPointer<Double> { scratch.slice(stageCount * n, n) }
    @inlinable var product: UnsafeMutableBufferPointer<Double> { scratch.slice(stageCount * n + n, n) }
    @inlinable var parameterProduct: UnsafeMutableBufferPointer<Double> {
        scratch.slice(stageCount * n + 2 * n, parameterCount)
    }

    /// The adjoint of stage `i` at its unchanged variable `fixed` (`q` of a kick, `p` of a drift).
    @inlinable @inline(__always)
    func reverseStage(
        _ i: Int, t: Double, h: Double, fixed: UnsafeBufferPointer<Double>,
        coordinateCotangent qBar: UnsafeMutablePointer<Double>, momentumCotangent pBar: UnsafeMutablePointer<Double>,
        parameterGradient: UnsafeMutablePointer<Double>
    ) {
        let c = fraction(i) * h
        let product = product, parameterProduct = parameterProduct
        if isDrift(i) {
            field.velocityVJP(
                fixed, UnsafeBufferPointer(start: qBar, count: n), momentumProduct: product,
                parameterProduct: parameterProduct)
            for k in 0..<n { pBar[k] += c * product[k] }
        } else {
            field.forceVJP(
                t + clock(i) * h, fixed, UnsafeBufferPointer(start: pBar, count: n), coordinateProduct: product,
                parameterProduct: parameterProduct)
            for k in 0..<n { qBar[k] += c * product[k] }
        }
        for k in 0..<parameterCount { parameterGradient[k] += c * parameterProduct[k] }
    }

    /// Undoes the step `t → t + h` that ended at `(q, p)`, in place, turning the cotangent at
    /// `t + h` into the cotangent at `t` and adding the step's `∂L/∂θ`. Returns the number of
    /// vector-Jacobian products (one per stage; as many field evaluations).
    @inlinable
    @discardableResult
    func reverse(
        t: Double, h: Double, q: UnsafeMutablePointer<Double>, p: UnsafeMutablePointer<Double>,
        coordinateCotangent qBar: UnsafeMutablePointer<Double>, momentumCotangent pBar: UnsafeMutablePointer<Double>,
        parameterGradient: UnsafeMutablePointer<Double>
    ) -> Int {
        let evaluated = evaluated
        for i in stride(from: stageCount - 1, through: 0, by: -1) {
            let c = fraction(i) * h
            if isDrift(i) {
                field.velocity(UnsafeBufferPointer(start: p, count: n), evaluated)
                for k in 0..<n { q[k] -= c * evaluated[k] }
                reverseStage(
                    i, t: t, h: h, fixed: UnsafeBufferPointer(start: p, count: n), coordinateCotangent: qBar,
                    momentumCotangent: pBar, parameterGradient: parameterGradient)
            } else {
                field.force(t + clock(i) * h, UnsafeBufferPointer(start: q, count: n), evaluated)
                for k in 0..<n { p[k] -= c * evaluated[k] }
                reverseStage(
                    i, t: t, h: h, fixed: UnsafeBufferPointer(start: q, count: n), coordinateCotangent: qBar,
                    momentumCotangent: pBar, parameterGradient: parameterGradient)
            }
        }
        return stageCount
    }

    /// Runs the step `t → t + h` from `(q, p)` (copies, left unchanged) and keeps every stage's
    /// input for ``reverseReplayed(t:h:coordinateCotangent:momentumCotangent:parameterGradient:)``.
    @inlinable
    func replay(t: Double, h: Double, q: UnsafePointer<Double>, p: UnsafePointer<Double>) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { local in
            let (lq, lp) = (local.baseAddress!, local.baseAddress! + n)
            lq.update(from: q, count: n)
            lp.update(from: p, count: n)
            let evaluated = evaluated
            for i in 0..<stageCount {
                let saved = scratch.pointer + i * n
                let c = fraction(i) * h
                if isDrift(i) {
                    saved.update(from: lp, count: n)
                    field.velocity(UnsafeBufferPointer(start: lp, count: n), evaluated)
                    for k in 0..<n { lq[k] += c * evaluated[k] }
                } else {
                    saved.update(from: lq, count: n)
                    field.force(t + clock(i) * h, UnsafeBufferPointer(start: lq, count: n), evaluated)
                    for k in 0..<n { lp[k] += c * evaluated[k] }
                }
            }
        }
    }

    /// The reverse of the step last replayed, from its stored stage inputs.
    @inlinable
    @discardableResult
    func reverseReplayed(
        t: Double, h: Double, coordinateCotangent qBar: UnsafeMutablePointer<Double>,
        momentumCotangent pBar: UnsafeMutablePointer<Double>, parameterGradient: UnsafeMutablePointer<Double>
    ) -> Int {
        for i in stride(from: stageCount - 1, through: 0, by: -1) {
            reverseStage(
                i, t: t, h: h, fixed: UnsafeBufferPointer(start: scratch.pointer + i * n, count: n),
                coordinateCotangent: qBar, momentumCotangent: pBar, parameterGradient: parameterGradient)
        }
        return stageCount
    }
}
