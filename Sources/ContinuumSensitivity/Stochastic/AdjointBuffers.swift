/// The adjoint vectors shared by the SDE gradient sweeps, carved from one allocation made when a
/// gradient computation starts: the sweeps themselves allocate nothing.
@usableFromInline
struct AdjointBuffers {
    @usableFromInline let storage: ScratchBuffer
    @usableFromInline let n: Int, driftParameters: Int, diffusionParameters: Int
    /// `n`-vectors: `vectors(i)` for `i < vectorCount`.
    @usableFromInline let vectorCount: Int
    /// `∂L/∂θ` (drift then diffusion) and one product buffer per field.
    @usableFromInline let parameterGradient, driftProduct, diffusionProduct: UnsafeMutableBufferPointer<Double>
    /// Loss gradients and states at the loss times, row-major.
    @usableFromInline let lossGradients, lossStates: UnsafeMutableBufferPointer<Double>

    @usableFromInline
    init(dimension n: Int, vectors: Int, driftParameters pf: Int, diffusionParameters pg: Int, lossCount: Int) {
        self.n = n
        vectorCount = vectors
        driftParameters = pf
        diffusionParameters = pg
        let fixed = vectors * n
        storage = ScratchBuffer(count: fixed + 2 * (pf + pg) + 2 * lossCount * n)
        parameterGradient = storage.slice(fixed, pf + pg)
        driftProduct = storage.slice(fixed + pf + pg, pf)
        diffusionProduct = storage.slice(fixed + 2 * pf + pg, pg)
        lossGradients = storage.slice(fixed + 2 * (pf + pg), lossCount * n)
        lossStates = storage.slice(fixed + 2 * (pf + pg) + lossCount * n, lossCount * n)
    }

    /// `n`-vector number `i`.
    @inlinable
    func vector(_ i: Int) -> UnsafeMutableBufferPointer<Double> { storage.slice(i * n, n) }

    /// Row `i` of the loss gradients.
    @inlinable
    func lossGradient(_ i: Int) -> UnsafeMutableBufferPointer<Double> { lossGradients.part(i * n, n) }

    /// Row `i` of the states at the loss times.
    @inlinable
    func lossState(_ i: Int) -> UnsafeMutableBufferPointer<Double> { lossStates.part(i * n, n) }

    /// Adds `driftProduct` and `diffusionProduct` into `parameterGradient`.
    @inlinable
    func accumulateParameterProducts() {
        for j in 0..<driftParameters { parameterGradient[j] += driftProduct[j] }
        for j in 0..<diffusionParameters { parameterGradient[driftParameters + j] += diffusionProduct[j] }
    }
}

extension UnsafeMutableBufferPointer where Element == Double {
    /// The same memory, read-only.
    @inlinable var readOnly: UnsafeBufferPointer<Double> { UnsafeBufferPointer(self) }
}
