import ContinuumODE

/// One explicit Runge-Kutta step replayed from its tableau, and its exact reverse.
///
/// The step `Yᵢ = y + h Σⱼ<ᵢ aᵢⱼ kⱼ`, `kᵢ = f(t + cᵢh, Yᵢ)`, `y₁ = y + h Σ bᵢkᵢ` keeps its stage
/// states and slopes, so the reverse pass needs no re-evaluation of `f`: given `λ = ∂L/∂y₁`,
///
///     k̄ᵢ = h bᵢ λ + h Σⱼ>ᵢ aⱼᵢ ūⱼ,   ūᵢ = (∂f/∂y)ᵀ(Yᵢ) k̄ᵢ,   θ̄ += (∂f/∂θ)ᵀ(Yᵢ) k̄ᵢ,
///     ∂L/∂y = λ + Σᵢ ūᵢ,
///
/// stages taken from last to first. Stages that influence neither `y₁` nor another such stage
/// (the FSAL stage of Dormand-Prince, the error-only stages) are skipped both ways, unless
/// `allStages` asks for them (a ``SolverHeuristicsPenalty`` reads every stage).
@usableFromInline
final class RungeKuttaReplay {
    @usableFromInline let n: Int
    @usableFromInline let p: Int
    @usableFromInline let s: Int
    /// `a` as a dense `s × s` row-major matrix, then `b` and `c` (read through pointers: the
    /// reverse sweep is as hot as the solve).
    @usableFromInline let coefficients: ScratchBuffer
    @usableFromInline let a: UnsafeMutablePointer<Double>
    @usableFromInline let b: UnsafeMutablePointer<Double>
    @usableFromInline let c: UnsafeMutablePointer<Double>
    /// The stages that influence `y₁`, in order.
    @usableFromInline let neededStages: ScratchIndices
    /// Evaluations of `f` per replayed step.
    @usableFromInline let evaluationsPerStep: Int
    /// Stage states `Y` (`s × n`), slopes `k` (`s × n`), stage cotangents `ū` (`s × n`), the slope
    /// cotangent (`n`) and the parameter product (`p`).
    @usableFromInline let scratch: ScratchBuffer

    @inlinable
    init(_ tableau: ButcherTableau, dimension: Int, parameterCount: Int, allStages: Bool = false) {
        n = dimension
        p = parameterCount
        let s = tableau.stageCount
        self.s = s
        var dense = [Double](repeating: 0, count: s * s)
        for i in 0..<s { for j in 0..<i { dense[i * s + j] = tableau.a[i][j] } }
        coefficients = ScratchBuffer(count: s * s + 2 * s)
        a = coefficients.pointer
        b = coefficients.pointer + s * s
        c = coefficients.pointer + s * s + s
        for k in 0..<(s * s) { a[k] = dense[k] }
        for k in 0..<s {
            b[k] = tableau.b[k]
            c[k] = tableau.c[k]
        }
        var needed = [Bool](repeating: false, count: s)
        for i in stride(from: s - 1, through: 0, by: -1) {
            needed[i] = allStages || tableau.b[i] != 0 || ((i + 1)..<s).contains { needed[$0] && dense[$0 * s + i] != 0 }
        }
        neededStages = ScratchIndices((0..<s).filter { needed[$0] })
        evaluationsPerStep = neededStages.count
        scratch = ScratchBuffer(count: 3 * s * n + n + p)
    }

    /// Advances `y` (at `t`) by `h` into `y1`, keeping the stages for ``reverse(_:t:h:cotangent:parameterGradient:)``.
    /// `y1` may alias `y`.
    @inlinable
    func step<F: VectorField>(
        _ field: F, t: Double, h: Double, from y: UnsafePointer<Double>, to y1: UnsafeMutablePointer<Double>
    ) {
        let stageStates = scratch.pointer
        let slopes = scratch.pointer + s * n
        for k in 0..<n { stageStates[k] = y[k] }
        for m in 0..<neededStages.count {
            let i = neededStages.pointer[m]
            let yi = stageStates + i * n
            for k in 0..<n { yi[k] = y[k] }
            for j in 0..<i {
                let aij = h * a[i * s + j]
                if aij == 0 { continue }
                let kj = slopes + j * n
                for k in 0..<n { yi[k] += aij * kj[k] }
            }
            field.evaluate(t + c[i] * h, UnsafeBufferPointer(start: yi, count: n), UnsafeMutableBufferPointer(start: slopes + i * n, count: n))
        }
        // y₁ = y + h Σ bᵢkᵢ; Y₀ = y, so reading y from stage 0 lets y1 alias y.
        for k in 0..<n { y1[k] = stageStates[k] }
        for i in 0..<s where b[i] != 0 {
            let hb = h * b[i]
            let ki = slopes + i * n
            for k in 0..<n { y1[k] += hb * ki[k] }
        }
    }

    /// Turns `cotangent` = `∂L/∂y₁` into `∂L/∂y` for the step last replayed, and adds the step's
    /// `∂L/∂θ` to `parameterGradient`. `extraSlopeCotangents` (`s × n`), if given, are added to the
    /// slope cotangents `k̄ᵢ` (a penalty on the slopes themselves). Returns the number of
    /// vector-Jacobian products.
    @inlinable
    @discardableResult
    func reverse<F: DifferentiableVectorField>(
        _ field: F, t: Double, h: Double, cotangent lambda: UnsafeMutablePointer<Double>,
        parameterGradient: UnsafeMutablePointer<Double>, extraSlopeCotangents: UnsafePointer<Double>? = nil
    ) -> Int {
        let stageStates = scratch.pointer
        let stageCotangents = scratch.pointer + 2 * s * n
        let slopeCotangent = scratch.pointer + 3 * s * n
        let parameterProduct = scratch.pointer + 3 * s * n + n
        var products = 0
        for m in stride(from: neededStages.count - 1, through: 0, by: -1) {
            let i = neededStages.pointer[m]
            let hb = h * b[i]
            for k in 0..<n { slopeCotangent[k] = hb * lambda[k] }
            for later in (m + 1)..<neededStages.count {
                let j = neededStages.pointer[later]
                let aji = h * a[j * s + i]
                if aji == 0 { continue }
                let uj = stageCotangents + j * n
                for k in 0..<n { slopeCotangent[k] += aji * uj[k] }
            }
            if let extra = extraSlopeCotangents {
                for k in 0..<n { slopeCotangent[k] += extra[i * n + k] }
            }
            field.vectorJacobianProduct(
                t + c[i] * h, UnsafeBufferPointer(start: stageStates + i * n, count: n),
                UnsafeBufferPointer(start: slopeCotangent, count: n),
                stateProduct: UnsafeMutableBufferPointer(start: stageCotangents + i * n, count: n),
                parameterProduct: UnsafeMutableBufferPointer(start: parameterProduct, count: p))
            products += 1
            for k in 0..<p { parameterGradient[k] += parameterProduct[k] }
        }
        for m in 0..<neededStages.count {
            let ui = stageCotangents + neededStages.pointer[m] * n
            for k in 0..<n { lambda[k] += ui[k] }
        }
        return products
    }
}

/// A fixed list of indices in manually managed storage.
@usableFromInline
final class ScratchIndices: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<Int>
    @usableFromInline let count: Int

    @usableFromInline
    init(_ values: [Int]) {
        count = values.count
        pointer = .allocate(capacity: max(count, 1))
        for (k, v) in values.enumerated() { pointer[k] = v }
    }

    deinit { pointer.deallocate() }
}
