import ContinuumNumerics
import ContinuumODE

extension BatchedDiscreteAdjoint {
    /// One attempted step of every window in `active`: the stages in batched evaluations (records
    /// straight into each window's next tape entry), then per window the error norm, the
    /// controller, and on acceptance the tape entry.
    func attempt(_ active: [Int], windows: [TrajectoryWindow]) {
        let s = tableau.s
        let rows = tableau.rows
        for (r, w) in active.enumerated() {
            entries[r] = tapes[w].reserve(2 * stride)
            rowTimes[r] = states[w].t
            rowSteps[r] = states[w].step
        }
        for i in 1..<s {
            let ci = tableau.c[i]
            for (r, w) in active.enumerated() {
                let step = rowSteps[r]
                let yi = stageStates + (w * s + i) * n
                rows.combine(
                    row: i, h: step, base: y + w * n, slopes: k + w * s * n, n: n, into: yi, copy: batchStates + r * n)
                batchTimes[r] = rowTimes[r] + ci * step
                pointers[r] = recordDestination(stage: i, entry: entries[r], row: r)
            }
            evaluateBatch(rows: active.count, recording: true)
            for (r, w) in active.enumerated() {
                let ki = k + (w * s + i) * n
                copyState(batchOutputs + r * n, to: ki)
            }
        }
        for (r, w) in active.enumerated() { finishAttempt(w, windows, entry: entries[r]) }
    }

    /// Error norm, accept/reject and controller of window `w` after its stages.
    func finishAttempt(_ w: Int, _ windows: [TrajectoryWindow], entry: UnsafeMutablePointer<Double>) {
        let s = tableau.s
        var state = states[w]
        defer { states[w] = state }
        state.evaluations += s - 1
        let step = state.step
        let slopes = k + w * s * n
        let y0 = y + w * n
        let y1 = stageStates + (w * s + s - 1) * n
        tableau.rows.combine(row: tableau.errorRow, h: step, base: nil, slopes: slopes, n: n, into: scratch)
        var squaredError = WeightedNorm.meanSquare(scratch, y0, y1, count: n, tolerance: options.tolerance)
        var finite = squaredError.isFinite
        if finite && squaredError <= 1 {
            finite = FiniteCheck.allFinite(y1, slopes + (s - 1) * n, count: n)
            if !finite { squaredError = .nan }
        }
        let factor = state.nextFactor(squaredError: squaredError)
        guard finite && squaredError <= 1 else {
            state.rejected += 1
            state.lastRejectionNonFinite = !finite
            state.h = abs(step) * factor
            return
        }
        state.accepted += 1
        state.lastRejectionNonFinite = false
        // The tape entry: t, h and the needed stage states (their records are already there).
        entry[0] = state.t
        entry[1] = step
        for i in tableau.needed {
            let source = i == 0 ? y0 : stageStates + (w * s + i) * n
            let slot = entry + tapeSlot[i]
            copyState(source, to: slot)
        }
        tapes[w].count += stride
        let stiff = tableau.probe.map { probe in
            state.stiffnessDeclared(interval: options.stiffnessCheckInterval) {
                stiffnessRatio(w, h: step, bound: probe.bound)
            }
        } ?? false
        let tNew = state.landsOnTarget ? windows[w].times[state.nextLoss] : state.t + step
        // FSAL: the new point and its slope become stage 0 of the next step.
        copyState(y1, to: y0)
        copyState(slopes + (s - 1) * n, to: slopes)
        let fsalTime = state.t + tableau.c[s - 1] * step
        state.t = tNew
        if state.landsOnTarget {
            let index = state.lossOffset + state.nextLoss
            lossGrid[index] = state.accepted
            for c in 0..<n { lossStates[index * n + c] = y0[c] }
            state.nextLoss += 1
            // At a stop time the driver evaluates f afresh; the FSAL slope is that value when it
            // was taken at the same time (f is a function of t and y).
            if state.nextLoss < state.lossCount && fsalTime != tNew { state.needsRestart = true }
        }
        if stiff {
            states[w] = state
            fail(w, .stiffnessDetected, "the problem became stiff (Hairer's test failed 15 times in a row)")
            state = states[w]
            return
        }
        state.h = min(abs(step) * factor, state.maximumStep)
        if state.direction * (state.tEnd - state.t) <= 0 { state.running = false }
    }

    /// Hairer's `|h| ‖f(y₁) − f(Y_probe)‖ / ‖y₁ − Y_probe‖ / bound` for window `w`.
    func stiffnessRatio(_ w: Int, h: Double, bound: Double) -> Double {
        let s = tableau.s
        return stiffnessIndicator(
            h: h, newState: stageStates + (w * s + s - 1) * n, probeState: stageStates + (w * s + s - 2) * n,
            newSlope: k + (w * s + s - 1) * n, probeSlope: k + (w * s + s - 2) * n, count: n, bound: bound)
    }
}
