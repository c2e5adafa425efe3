/// Binomial checkpointing (Griewank 1992; Griewank & Walther, "Algorithm 799: revolve"): with `c`
/// free checkpoints and at most `r` recomputations of any step, `β(c, r) = C(c + r, c)` steps can
/// be reversed, and `β(c, r) = β(c, r − 1) + β(c − 1, r)` gives the split: the last `β(c − 1, r)`
/// steps are reversed first behind a new checkpoint, then the rest with the checkpoints freed.
extension DiscreteAdjointSweep {
    /// Reverses all steps keeping at most `checkpoints` states (the initial state included).
    @inlinable
    func reverseWithCheckpoints(_ y0: [Double], checkpoints: Int) {
        let pool = ScratchBuffer(count: checkpoints * n)
        for k in 0..<n { pool.pointer[k] = y0[k] }
        statistics.storedStates = min(checkpoints, grid.count)
        reverse(from: 0, to: stepCount, slot: 0, freeSlots: checkpoints - 1, pool: pool.pointer)
        addLossGradient(at: 0)
    }

    /// Reverses steps `a..<b`; slot `slot` of `pool` holds the state at grid point `a`.
    @inlinable
    func reverse(from a: Int, to b: Int, slot: Int, freeSlots: Int, pool: UnsafeMutablePointer<Double>) {
        let count = b - a
        guard count > 0 else { return }
        let base = pool + slot * n
        if count == 1 { return reverseStep(a, from: base) }
        if freeSlots == 0 {
            // No room for another checkpoint: recompute each step's start from the one we have.
            withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { scratch in
                let state = scratch.baseAddress!
                for j in stride(from: b - 1, through: a, by: -1) {
                    state.update(from: base, count: n)
                    advance(state, from: a, to: j)
                    reverseStep(j, from: state)
                }
            }
            return
        }
        let right = min(count - 1, Self.reversibleSteps(free: freeSlots - 1, repetitions: Self.repetitions(free: freeSlots, steps: count)))
        let middle = b - max(right, 1)
        let next = pool + (slot + 1) * n
        next.update(from: base, count: n)
        advance(next, from: a, to: middle)
        reverse(from: middle, to: b, slot: slot + 1, freeSlots: freeSlots - 1, pool: pool)
        reverse(from: a, to: middle, slot: slot, freeSlots: freeSlots, pool: pool)
    }

    /// The smallest `r` with `β(free, r) ≥ steps`.
    @inlinable
    static func repetitions(free: Int, steps: Int) -> Int {
        var r = 0
        while reversibleSteps(free: free, repetitions: r) < steps { r += 1 }
        return r
    }

    /// `β(c, r) = C(c + r, c)`, saturating at `Int.max / 2`.
    @inlinable
    static func reversibleSteps(free c: Int, repetitions r: Int) -> Int {
        var value = 1.0
        for i in 0..<min(c, r) { value = value * Double(c + r - i) / Double(i + 1) }
        return value >= Double(Int.max / 2) ? Int.max / 2 : Int(value.rounded())
    }
}
