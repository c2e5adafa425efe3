import ContinuumNeural
import ContinuumODE

// The blocks backward: the discrete adjoint, the exact transpose of each block's derivative.
extension ResNet {
    /// `inputCotangent = vᵀ ∂network/∂x` at `input`, and `vᵀ ∂network/∂θ(t)` added to the
    /// coefficient sets of `gradient` (if given) with the weights `wⱼ(t)`; `part` is the network's
    /// offset within a set (0 for the field, the field's count for the velocity).
    @inlinable
    func networkVJP(
        _ network: MLP, part: Int, at t: Double, block k: Int, rows: Int, input: UnsafePointer<Double>,
        cotangent v: UnsafePointer<Double>, inputCotangent: UnsafeMutablePointer<Double>,
        parameters p: UnsafePointer<Double>, gradient g: UnsafeMutablePointer<Double>?, workspace w: ResNetWorkspace,
        networkWorkspace: MLPWorkspace
    ) {
        let size = setParameterCount
        let count = network.parameterCount
        let single = schedule.singleSet(at: t, block: k, horizon: horizon)
        let theta = weights(at: t, block: k, p, w) + part
        var target: UnsafeMutablePointer<Double>?
        if let g {
            if let j = single {
                target = g + fieldOffset + j * size + part
            } else {
                w.thetaGradient.update(repeating: 0, count: count)
                target = w.thetaGradient
            }
        }
        network.valueAndVJP(
            UnsafeBufferPointer(start: input, count: rows * network.inputWidth),
            parameters: UnsafeBufferPointer(start: theta, count: count),
            outputCotangent: UnsafeBufferPointer(start: v, count: rows * network.outputWidth),
            inputCotangent: UnsafeMutableBufferPointer(start: inputCotangent, count: rows * network.inputWidth),
            accumulatingInto: target.map { UnsafeMutableBufferPointer(start: $0, count: count) },
            workspace: networkWorkspace)
        if let g, single == nil {
            let blended = w.thetaGradient
            schedule.forEachWeight(at: t, block: k, horizon: horizon) { j, weight in
                let destination = g + fieldOffset + j * size + part
                for m in 0..<count { destination[m] += weight * blended[m] }
            }
        }
    }

    /// Back-propagates `x̄_N` (in `w.stateCotangent`) through the blocks of the last forward pass
    /// to `x̄₀` (left in `w.stateCotangent`), adding the weights' gradient to `g` if given.
    ///
    /// Runge-Kutta block, from `Yᵢ = x + h Σⱼ aᵢⱼ Kⱼ`, `Kᵢ = f(Yᵢ)`, `x⁺ = x + h Σ bᵢ Kᵢ`:
    /// `K̄ᵢ = h bᵢ x̄⁺`, then for `i = s−1 … 0`: `Ȳᵢ = ∂fᵀ K̄ᵢ`, `x̄ += Ȳᵢ`, `K̄ⱼ += h aᵢⱼ Ȳᵢ`.
    /// Splitting block, stages reversed: a kick `p⁺ = p + βh F(q)` gives `q̄ += βh ∂Fᵀ p̄`, a drift
    /// `q⁺ = q + αh V(p)` gives `p̄ += αh ∂Vᵀ q̄`. Additive noise does not change the adjoint.
    @inlinable
    func backpropagate(
        rows: Int, parameters p: UnsafePointer<Double>, gradient g: UnsafeMutablePointer<Double>?,
        workspace w: ResNetWorkspace
    ) {
        let h = stepSize
        let n = rows * width
        let xBar = w.stateCotangent
        for k in stride(from: depth - 1, through: 0, by: -1) {
            let t = Double(k) * h
            switch scheme {
            case .rungeKutta(let tableau):
                let s = tableau.stageCount
                for i in 0..<s {
                    let kBar = w.slopeCotangent(i)
                    let scale = h * tableau.b[i]
                    for m in 0..<n { kBar[m] = scale * xBar[m] }
                }
                for i in stride(from: s - 1, through: 0, by: -1) {
                    networkVJP(
                        field, part: 0, at: t + tableau.c[i] * h, block: k, rows: rows, input: w.stageInput(k, i),
                        cotangent: w.slopeCotangent(i), inputCotangent: w.scratch, parameters: p, gradient: g,
                        workspace: w, networkWorkspace: w.fieldWorkspace)
                    Self.axpy(1, w.scratch, xBar, n)
                    let row = tableau.a[i]
                    for j in 0..<i where row[j] != 0 { Self.axpy(h * row[j], w.scratch, w.slopeCotangent(j), n) }
                }
            case .splitting(let coefficients):
                var driftTotal = 0.0
                var kickTotal = 0.0
                for stage in coefficients.stages {
                    if case .drift(let a) = stage { driftTotal += a } else { kickTotal += stage.fraction }
                }
                var driftsAfter = 0.0
                var kicksAfter = 0.0
                for i in stride(from: coefficients.stages.count - 1, through: 0, by: -1) {
                    let y = w.stageInput(k, i)
                    switch coefficients.stages[i] {
                    case .kick(let beta):
                        gatherHalf(y, 0, rows: rows, into: w.gather(0))
                        gatherHalf(xBar, 1, rows: rows, scale: beta * h, into: w.gather(1))
                        networkVJP(
                            field, part: 0, at: t + (driftTotal - driftsAfter) * h, block: k, rows: rows,
                            input: w.gather(0), cotangent: w.gather(1), inputCotangent: w.gather(2), parameters: p,
                            gradient: g, workspace: w, networkWorkspace: w.fieldWorkspace)
                        addHalf(w.gather(2), scale: 1, 0, rows: rows, into: xBar)
                        kicksAfter += beta
                    case .drift(let alpha):
                        gatherHalf(y, 1, rows: rows, into: w.gather(0))
                        gatherHalf(xBar, 0, rows: rows, scale: alpha * h, into: w.gather(1))
                        networkVJP(
                            velocity!, part: field.parameterCount, at: t + (kickTotal - kicksAfter) * h, block: k,
                            rows: rows, input: w.gather(0), cotangent: w.gather(1), inputCotangent: w.gather(2),
                            parameters: p, gradient: g, workspace: w, networkWorkspace: w.velocityWorkspace!)
                        addHalf(w.gather(2), scale: 1, 1, rows: rows, into: xBar)
                        driftsAfter += alpha
                    }
                }
            case .eulerMaruyama:
                let kBar = w.slopeCotangent(0)
                for m in 0..<n { kBar[m] = h * xBar[m] }
                networkVJP(
                    field, part: 0, at: t, block: k, rows: rows, input: w.stageInput(k, 0), cotangent: kBar,
                    inputCotangent: w.scratch, parameters: p, gradient: g, workspace: w,
                    networkWorkspace: w.fieldWorkspace)
                Self.axpy(1, w.scratch, xBar, n)
            }
        }
    }
}
