extension Integrator {
    /// Saves what the accepted step `[t, tNew]` owes the solution: the step's end (when saving every
    /// step), the save-at times it covers (through the continuous extension), and its dense output.
    /// With `cutoff` (a terminal event's time) nothing after the cutoff is saved.
    @inlinable
    mutating func saveStep(from t: Double, step: Double, to tNew: Double, until cutoff: Double?) {
        let direction = plan.direction
        let limit = cutoff ?? tNew
        if plan.recordsStepTimes { solution.recordStepTime(limit) }
        if plan.saveAt.isEmpty {
            if cutoff == nil { solution.save(t: tNew, state: workspace.candidate) }
        } else {
            while nextSave < plan.saveAt.count && direction * (plan.saveAt[nextSave] - limit) <= 0 {
                let ts = plan.saveAt[nextSave]
                if ts == tNew {
                    solution.save(t: ts, state: workspace.candidate)
                } else {
                    prepareDenseOutput(t: t, step: step)
                    workspace.interpolate(
                        theta: (ts - t) / step, degree: solver.denseOutputDegree, into: workspace.scratch)
                    solution.save(t: ts, state: workspace.scratch)
                }
                nextSave += 1
            }
        }
        if plan.keepsDenseOutput {
            prepareDenseOutput(t: t, step: step)
            solution.appendDense(
                t: t, h: step, y0: workspace.state, terms: workspace.denseTerms, stride: workspace.stride)
        }
    }

    /// Computes the step's continuous extension once per step (it may cost extra evaluations).
    @inlinable
    mutating func prepareDenseOutput(t: Double, step: Double) {
        guard !denseReady else { return }
        solver.prepareDenseOutput(field, t: t, h: step, workspace: workspace, statistics: &statistics)
        denseReady = true
    }
}
