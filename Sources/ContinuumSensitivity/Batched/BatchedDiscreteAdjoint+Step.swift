import ContinuumNumerics
import ContinuumODE

extension BatchedDiscreteAdjoint {
    /// One attempted step of every window in `active`: the stages in batched evaluations, then
    /// per window the error norm, the controller, and on acceptance the tape entry.
    func attempt(_ active: [Int], windows: [TrajectoryWindow]) {
        let s = tableau.s
        for i in 1..<s {
            let row = tableau.rows[i]
            let ci = tableau.c[i]
            for (r, w) in active.enumerated() {
                let step = states[w].step
                let yi = stageStates + (w * s + i) * n
                BatchedTableau.combine(row, h: step, base: y + w * n, slopes: k + w * s * n, n: n, into: yi)
                (batchStates + r * n).update(from: yi, count: n)
                batchTimes[r] = states[w].t + ci * step
            }
            evaluateBatch(rows: active.count, recording: true)
            for (r, w) in active.enumerated() {
                (k + (w * s + i) * n).update(from: batchOutputs + r * n, count: n)
                if rw > 0 { (records + (w * s + i) * rw).update(from: batchRecords + r * rw, count: rw) }
            }
        }
        for w in active { finishAttempt(w, windows[w]) }
    }

    /// Error norm, accept/reject and controller of window `w` after its stages.
    func finishAttempt(_ w: Int, _ window: TrajectoryWindow) {
        let s = tableau.s
        var state = states[w]
        defer { states[w] = state }
        state.evaluations += s - 1
        let step = state.step
        let slopes = k + w * s * n
        let y0 = y + w * n
        let y1 = stageStates + (w * s + s - 1) * n
        BatchedTableau.combine(tableau.errorRow, h: step, base: nil, slopes: slopes, n: n, into: scratch)
        var error = WeightedNorm.rms(scratch, y0, y1, count: n, tolerance: options.tolerance)
        var finite = error.isFinite
        if finite && error <= 1 {
            finite = FiniteCheck.allFinite(y1, slopes + (s - 1) * n, count: n)
            if !finite { error = .nan }
        }
        let factor = state.nextFactor(error: error, order: tableau.order, constants: controller)
        guard finite && error <= 1 else {
            state.rejected += 1
            state.lastRejectionNonFinite = !finite
            state.h = abs(step) * factor
            return
        }
        state.accepted += 1
        state.lastRejectionNonFinite = false
        recordStep(w, t: state.t, h: step)
        let stiff = tableau.probe.map { probe in
            state.stiffnessDeclared(interval: options.stiffnessCheckInterval) {
                stiffnessRatio(w, h: step, bound: probe.bound)
            }
        } ?? false
        let tNew = state.landsOnTarget ? window.times[state.nextLoss] : state.t + step
        // FSAL: the new point and its slope become stage 0 of the next step.
        y0.update(from: y1, count: n)
        slopes.update(from: slopes + (s - 1) * n, count: n)
        if rw > 0 { (records + w * s * rw).update(from: records + (w * s + s - 1) * rw, count: rw) }
        let fsalTime = state.t + tableau.c[s - 1] * step
        state.t = tNew
        if state.landsOnTarget {
            state.lossGrid[state.nextLoss] = state.accepted
            for k in 0..<n { state.lossStates[state.nextLoss * n + k] = y0[k] }
            state.nextLoss += 1
            // At a stop time the driver evaluates f afresh; the FSAL slope is that value when it
            // was taken at the same time (f is a function of t and y).
            if state.nextLoss < window.times.count && fsalTime != tNew { state.needsRestart = true }
        }
        if stiff {
            state.fail(.stiffnessDetected, "the problem became stiff (Hairer's test failed 15 times in a row)")
            state.lossStates = []
            return
        }
        state.h = min(abs(step) * factor, state.maximumStep)
        if state.direction * (state.tEnd - state.t) <= 0 { state.running = false }
    }

    /// Appends window `w`'s accepted step to its tape: `t`, `h`, then `Yᵢ` and the record of
    /// each needed stage (`Y₀ = y`).
    func recordStep(_ w: Int, t: Double, h: Double) {
        let s = tableau.s
        let entry = tapes[w].append(2 + tableau.needed.count * (n + rw))
        entry[0] = t
        entry[1] = h
        var out = entry + 2
        for i in tableau.needed {
            out.update(from: i == 0 ? y + w * n : stageStates + (w * s + i) * n, count: n)
            if rw > 0 { (out + n).update(from: records + (w * s + i) * rw, count: rw) }
            out += n + rw
        }
    }

    /// Hairer's `|h| ‖f(y₁) − f(Y_probe)‖ / ‖y₁ − Y_probe‖ / bound` for window `w`.
    func stiffnessRatio(_ w: Int, h: Double, bound: Double) -> Double {
        let s = tableau.s
        let f1 = k + (w * s + s - 1) * n
        let fProbe = k + (w * s + s - 2) * n
        let y1 = stageStates + (w * s + s - 1) * n
        let yProbe = stageStates + (w * s + s - 2) * n
        var numerator = 0.0
        var denominator = 0.0
        for i in 0..<n {
            let df = f1[i] - fProbe[i]
            let dy = y1[i] - yProbe[i]
            numerator += df * df
            denominator += dy * dy
        }
        guard denominator > 0 else { return 0 }
        return abs(h) * (numerator / denominator).squareRoot() / bound
    }
}
