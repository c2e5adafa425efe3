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
                for (row, w) in active.enumerated() {
                    let entry = entries[row]
                    let h = entry[1]
                    let stage = entry + slots[i]
                    let kBar = batchCotangents + row * n
                    let hb = h * b[i]
                    let lam = lambda + w * n
                    for c in 0..<n { kBar[c] = hb * lam[c] }
                    for term in terms.start[m]..<terms.start[m + 1] {
                        let aji = h * terms.value[term]
                        let uj = stageCotangents + (w * s + terms.column[term]) * n
                        for c in 0..<n { kBar[c] += aji * uj[c] }
                    }
                    batchTimes[row] = entry[0] + nodes[i] * h
                    for c in 0..<n { batchStates[row * n + c] = stage[c] }
                    pointers[row] = stage + n
                }
                vectorJacobianProductBatch(rows: active.count, addingTo: gradient)
                for (row, w) in active.enumerated() {
                    let u = stageCotangents + (w * s + i) * n
                    for c in 0..<n { u[c] = batchOutputs[row * n + c] }
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
