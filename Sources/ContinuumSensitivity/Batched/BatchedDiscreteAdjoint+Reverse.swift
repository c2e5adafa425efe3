import ContinuumODE

extension BatchedDiscreteAdjoint {
    /// Reverses every successful window's taped steps, last first: sweep `r` reverses step
    /// `N_w − 1 − r` of every window with more than `r` steps, each stage in one batched VJP.
    /// Leaves `∂L_w/∂y₀` in `λ_w` and adds `Σ_w ∂L_w/∂θ` to `gradient`.
    func runReverse(_ count: Int, gradient: UnsafeMutablePointer<Double>, statistics: inout GradientStatistics) {
        let s = tableau.s
        let needed = tableau.needed
        let terms = tableau.reverseTerms
        let b = tableau.b
        let nodes = tableau.c
        let slots = tapeSlot
        var cursor = [Int](repeating: 0, count: count)
        var sweeps = 0
        for w in 0..<count {
            (lambda + w * n).update(repeating: 0, count: n)
            guard !states[w].failed else { continue }
            cursor[w] = states[w].lossCount - 1
            sweeps = max(sweeps, states[w].accepted)
        }
        var active: [Int] = []
        active.reserveCapacity(count)
        for r in 0..<sweeps {
            active.removeAll(keepingCapacity: true)
            for w in 0..<count where !states[w].failed && states[w].accepted > r {
                entries[active.count] = tapes[w].pointer + (states[w].accepted - 1 - r) * stride
                active.append(w)
                addLossGradient(w, at: states[w].accepted - r, cursor: &cursor[w])
            }
            for m in (0..<needed.count).reversed() {
                let i = needed[m]
                let first = terms.start[m]
                let end = terms.start[m + 1]
                for (row, w) in active.enumerated() {
                    let entry = entries[row]
                    let h = entry[1]
                    let stage = entry + slots[i]
                    let kBar = batchCotangents + row * n
                    let hb = h * b[i]
                    let lam = lambda + w * n
                    let u = stageCotangents + w * s * n
                    // Summed in a register, term by term in the same order as into memory, so
                    // no term waits on the store of the one before.
                    for c in 0..<n {
                        var sum = hb * lam[c]
                        for term in first..<end { sum += (h * terms.value[term]) * u[terms.column[term] &* n &+ c] }
                        kBar[c] = sum
                    }
                    batchTimes[row] = entry[0] + nodes[i] * h
                    copyState(stage, to: batchStates + row * n)
                    pointers[row] = stage + n
                }
                vectorJacobianProductBatch(rows: active.count, addingTo: gradient)
                for (row, w) in active.enumerated() {
                    let u = stageCotangents + (w * s + i) * n
                    copyState(batchOutputs + row * n, to: u)
                }
            }
            for w in active {
                let lam = lambda + w * n
                let u = stageCotangents + w * s * n
                for c in 0..<n {
                    var sum = lam[c]
                    for i in needed { sum += u[i &* n &+ c] }
                    lam[c] = sum
                }
            }
            statistics.vectorJacobianProducts += active.count * needed.count
            statistics.backward.acceptedSteps += active.count
        }
        for w in 0..<count where !states[w].failed {
            addLossGradient(w, at: 0, cursor: &cursor[w])
            if !(0..<n).allSatisfy({ lambda[w * n + $0].isFinite }) {
                failures[w] = .nonFiniteLoss("the adjoint became non-finite in the reverse sweep")
                states[w].failed = true
            }
        }
    }

    /// Adds `∂ℓᵢ/∂y` of window `w` to `λ_w` if its loss time `i = cursor` sits at grid point `j`.
    func addLossGradient(_ w: Int, at j: Int, cursor: inout Int) {
        let index = states[w].lossOffset + cursor
        guard cursor >= 0, lossGrid[index] == j else { return }
        let lam = lambda + w * n
        for c in 0..<n { lam[c] += lossGradients[index * n + c] }
        cursor -= 1
    }
}
