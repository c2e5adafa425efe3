import ContinuumODE

extension BatchedDiscreteAdjoint {
    /// Reverses every successful window's taped steps, last first: sweep `r` reverses step
    /// `N_w − 1 − r` of every window with more than `r` steps, each stage in one batched VJP.
    /// Leaves `∂L_w/∂y₀` in `λ_w` and adds `Σ_w ∂L_w/∂θ` to `gradient`.
    func runReverse(_ count: Int, gradient: UnsafeMutablePointer<Double>, statistics: inout GradientStatistics) {
        let s = tableau.s
        let needed = tableau.needed
        let stride = 2 + needed.count * (n + rw)
        var cursor = [Int](repeating: 0, count: count)
        var sweeps = 0
        for w in 0..<count {
            lambda.advanced(by: w * n).update(repeating: 0, count: n)
            guard states[w].failure == nil else { continue }
            cursor[w] = states[w].lossGrid.count - 1
            sweeps = max(sweeps, states[w].accepted)
        }
        var active: [Int] = []
        active.reserveCapacity(count)
        for r in 0..<sweeps {
            active.removeAll(keepingCapacity: true)
            for w in 0..<count where states[w].failure == nil && states[w].accepted > r {
                active.append(w)
                addLossGradient(w, at: states[w].accepted - r, cursor: &cursor[w])
            }
            for m in (0..<needed.count).reversed() {
                let i = needed[m]
                for (row, w) in active.enumerated() {
                    let entry = tapes[w].pointer + (states[w].accepted - 1 - r) * stride
                    let h = entry[1]
                    let stage = entry + 2 + m * (n + rw)
                    let kBar = batchCotangents + row * n
                    let hb = h * tableau.b[i]
                    let lam = lambda + w * n
                    for c in 0..<n { kBar[c] = hb * lam[c] }
                    for later in (m + 1)..<needed.count {
                        let j = needed[later]
                        let aji = h * tableau.a[j * s + i]
                        if aji == 0 { continue }
                        let uj = stageCotangents + (w * s + j) * n
                        for c in 0..<n { kBar[c] += aji * uj[c] }
                    }
                    batchTimes[row] = entry[0] + tableau.c[i] * h
                    (batchStates + row * n).update(from: stage, count: n)
                    if rw > 0 { (batchRecords + row * rw).update(from: stage + n, count: rw) }
                }
                vectorJacobianProductBatch(rows: active.count, addingTo: gradient)
                for (row, w) in active.enumerated() {
                    (stageCotangents + (w * s + i) * n).update(from: batchOutputs + row * n, count: n)
                }
            }
            for w in active {
                let lam = lambda + w * n
                for i in needed {
                    let u = stageCotangents + (w * s + i) * n
                    for c in 0..<n { lam[c] += u[c] }
                }
            }
            statistics.vectorJacobianProducts += active.count * needed.count
            statistics.backward.acceptedSteps += active.count
        }
        for w in 0..<count where states[w].failure == nil {
            addLossGradient(w, at: 0, cursor: &cursor[w])
            if !(0..<n).allSatisfy({ lambda[w * n + $0].isFinite }) {
                states[w].failure = .nonFiniteLoss("the adjoint became non-finite in the reverse sweep")
            }
        }
    }

    /// Adds `∂ℓᵢ/∂y` of window `w` to `λ_w` if loss time `i = cursor` sits at grid point `j`.
    func addLossGradient(_ w: Int, at j: Int, cursor: inout Int) {
        guard cursor >= 0, states[w].lossGrid[cursor] == j else { return }
        let lam = lambda + w * n
        for c in 0..<n { lam[c] += states[w].lossGradients[cursor * n + c] }
        cursor -= 1
    }
}
