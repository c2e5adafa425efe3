import ContinuumODE

/// The parameter gradient of the quadrature adjoint, `θ̄ = ∫ a(t)ᵀ ∂f/∂θ(t, y(t)) dt`, summed step
/// by step over the backward solves with the 4-point Gauss-Legendre rule; `y(t)` and `a(t)` come
/// from the forward and backward dense outputs.
@usableFromInline
final class AdjointQuadrature<Field: DifferentiableVectorField> {
    @usableFromInline let field: Field
    @usableFromInline let forward: DenseHistory
    @usableFromInline var forwardHint: Int
    @usableFromInline let n: Int
    @usableFromInline let p: Int
    @usableFromInline var total: [Double]
    @usableFromInline var products = 0
    /// `y` (`n`), `a` (`n`), the discarded state product (`n`) and the parameter product (`p`).
    @usableFromInline let scratch: ScratchBuffer

    @inlinable
    init(_ field: Field, forward: DenseHistory) {
        self.field = field
        self.forward = forward
        forwardHint = forward.stepStarts.count - 1
        n = field.dimension
        p = field.parameterCount
        total = [Double](repeating: 0, count: p)
        scratch = ScratchBuffer(count: 3 * n + p)
    }

    /// Adds the integral over every step of the backward `segment` (which kept its dense output).
    @inlinable
    func accumulate(over segment: Solution) {
        let y = scratch.slice(0, n), a = scratch.slice(n, n), discarded = scratch.slice(2 * n, n)
        let product = scratch.slice(3 * n, p)
        guard let backward = segment.dense else { return }
        var backwardHint = 0
        for j in backward.stepStarts.indices {
            let tStart = backward.stepStarts[j], tEnd = tStart + backward.stepSizes[j]
            // The backward step runs from tStart down to tEnd; the integral is over [tEnd, tStart].
            let length = tStart - tEnd
            for q in 0..<4 {
                let t = tEnd + GaussLegendre4.nodes[q] * length
                forward.evaluate(at: t, into: y, hint: &forwardHint)
                backward.evaluate(at: t, into: a, hint: &backwardHint)
                field.vectorJacobianProduct(
                    t, UnsafeBufferPointer(y), UnsafeBufferPointer(a), stateProduct: discarded, parameterProduct: product)
                let weight = GaussLegendre4.weights[q] * length
                for k in 0..<p { total[k] += weight * product[k] }
            }
            products += 4
        }
    }
}
