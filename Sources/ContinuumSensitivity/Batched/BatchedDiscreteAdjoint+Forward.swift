import ContinuumNumerics
import ContinuumODE
import Foundation

extension BatchedDiscreteAdjoint {
    /// Solves every window forward, all running windows attempting a step together, and tapes
    /// each accepted step.
    func runForward(_ windows: [TrajectoryWindow], statistics: inout GradientStatistics) {
        failures = [SensitivityError?](repeating: nil, count: windows.count)
        lossGrid.removeAll(keepingCapacity: true)
        lossStates.removeAll(keepingCapacity: true)
        var active: [Int] = []
        active.reserveCapacity(windows.count)
        for (w, window) in windows.enumerated() {
            var state = BatchedWindowState(controller: controller)
            state.t = window.t0
            state.tEnd = window.times.last ?? window.t0
            state.direction = state.tEnd >= window.t0 ? 1 : -1
            state.maximumStep = min(options.maximumStepSize, abs(state.tEnd - window.t0))
            state.lossOffset = lossGrid.count
            state.lossCount = window.times.count
            lossGrid.append(contentsOf: repeatElement(0, count: window.times.count))
            lossStates.append(contentsOf: repeatElement(0, count: window.times.count * n))
            for c in 0..<n { y[w * n + c] = window.y0[c] }
            if window.times[0] == window.t0 {
                for c in 0..<n { lossStates[state.lossOffset * n + c] = window.y0[c] }
                state.nextLoss = 1
            }
            state.running = state.nextLoss < window.times.count
            tapes[w].count = 0
            _ = tapes[w].reserve(2 * stride)
            states[w] = state
            if state.running { active.append(w) }
        }
        // f(t₀, y₀) for every window: slope and record of stage 0.
        restart(active)
        for w in active where !FiniteCheck.allFinite(k + w * tableau.s * n, count: n) {
            fail(w, .nonFiniteState, "f(t0, y0) is not finite")
        }
        initialStepSizes(active.filter { states[$0].running })
        var restarting: [Int] = []
        while true {
            active.removeAll(keepingCapacity: true)
            restarting.removeAll(keepingCapacity: true)
            for w in windows.indices where states[w].running {
                if states[w].needsRestart { restarting.append(w) }
                if prepareAttempt(w, windows[w]) { active.append(w) }
            }
            if !restarting.isEmpty { restart(restarting) }
            guard !active.isEmpty else { break }
            attempt(active, windows: windows)
        }
        for w in windows.indices {
            statistics.forward.acceptedSteps += states[w].accepted
            statistics.forward.rejectedSteps += states[w].rejected
            statistics.forward.functionEvaluations += states[w].evaluations
            statistics.storedStates += states[w].accepted + 1
        }
    }

    /// Where row `r` (window `w`, tape entry `entry`) records stage `i`: its tape slot; the FSAL
    /// stage records into the next entry's stage 0; other stages are not needed.
    @inline(__always)
    func recordDestination(stage i: Int, entry: UnsafeMutablePointer<Double>, row r: Int) -> UnsafeMutablePointer<Double> {
        if tapeSlot[i] >= 0 { return entry + tapeSlot[i] + n }
        if i == tableau.s - 1 && tapeSlot[0] >= 0 { return entry + stride + tapeSlot[0] + n }
        return discarded + r * rw
    }

    /// Evaluates `f(t, y)` of `windows` afresh into stage 0 (start, or the far side of a stop time).
    func restart(_ windows: [Int]) {
        let s = tableau.s
        for (r, w) in windows.enumerated() {
            batchTimes[r] = states[w].t
            copyState(y + w * n, to: batchStates + r * n)
            pointers[r] = recordDestination(stage: 0, entry: tapes[w].reserve(2 * stride), row: r)
        }
        evaluateBatch(rows: windows.count, recording: true)
        for (r, w) in windows.enumerated() {
            copyState(batchOutputs + r * n, to: k + w * s * n)
            states[w].evaluations += 1
            states[w].needsRestart = false
        }
    }

    /// Hairer's HINIT for each window (or the given first step), as the ODE driver computes it.
    func initialStepSizes(_ windows: [Int]) {
        let s = tableau.s
        let tolerance = options.tolerance
        if let h0 = options.initialStepSize {
            for w in windows { states[w].h = min(h0, states[w].maximumStep) }
            return
        }
        var dnf = [Double](repeating: 0, count: windows.count)
        var h = [Double](repeating: 0, count: windows.count)
        for (r, w) in windows.enumerated() {
            let y0 = y + w * n
            let f0 = k + w * s * n
            dnf[r] = WeightedNorm.rms(f0, y0, y0, count: n, tolerance: tolerance)
            let dny = WeightedNorm.rms(y0, y0, y0, count: n, tolerance: tolerance)
            h[r] = min((dnf[r] <= 1e-5 || dny <= 1e-5) ? 1e-6 : 0.01 * dny / dnf[r], states[w].maximumStep)
            let direction = states[w].direction
            for i in 0..<n { batchStates[r * n + i] = y0[i] + direction * h[r] * f0[i] }
            batchTimes[r] = states[w].t + direction * h[r]
        }
        evaluateBatch(rows: windows.count, recording: false)
        for (r, w) in windows.enumerated() {
            states[w].evaluations += 1
            let y0 = y + w * n
            let f1 = batchOutputs + r * n
            for i in 0..<n { f1[i] -= k[w * s * n + i] }
            let der2 = WeightedNorm.rms(f1, y0, y0, count: n, tolerance: tolerance) / h[r]
            let der12 = max(abs(der2), dnf[r])
            let h1 = der12 <= 1e-15 ? max(1e-6, h[r] * 1e-3) : pow(0.01 / der12, 1 / methodOrder)
            let result = min(100 * h[r], h1, states[w].maximumStep)
            states[w].h = result.isFinite && result > 0 ? result : min(1e-6, states[w].maximumStep)
        }
    }

    /// The driver's checks before a step; true when window `w` attempts one.
    func prepareAttempt(_ w: Int, _ window: TrajectoryWindow) -> Bool {
        var state = states[w]
        guard state.direction * (state.tEnd - state.t) > 0 else {
            states[w].running = false
            return false
        }
        if state.accepted + state.rejected >= options.maximumSteps {
            fail(w, .maxStepsReached, "reached the maximum of \(options.maximumSteps) steps")
            return false
        }
        let target = window.times[state.nextLoss]
        var step = state.direction * state.h
        state.landsOnTarget = false
        if state.direction * (state.t + 1.01 * step - target) >= 0 {
            step = target - state.t
            state.landsOnTarget = true
        }
        state.step = step
        states[w] = state
        if 0.1 * abs(step) <= abs(state.t) * Double.ulpOfOne
            || (!state.landsOnTarget && abs(step) < options.minimumStepSize)
        {
            if state.lastRejectionNonFinite {
                fail(w, .nonFiniteState, "the solution is not finite (NaN or infinity) beyond this time")
            } else {
                fail(w, .stepSizeUnderflow, "step size \(abs(step)) is too small")
            }
            return false
        }
        return true
    }
}
