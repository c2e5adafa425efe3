import ContinuumNumerics

extension ESDIRKMethod {
    /// Solves stage `i`'s equation `uᵢ = hγ f(t + cᵢh, sᵢ + uᵢ)` for `uᵢ = Yᵢ − sᵢ` by the
    /// simplified Newton iteration `(I/(hγ) − J) Δ = f(t + cᵢh, sᵢ + uᵢ) − uᵢ/(hγ)`, and stores
    /// `zᵢ = uᵢ/γ`.
    ///
    /// `Θₖ = ‖Δₖ‖/‖Δₖ₋₁‖` estimates the contraction rate and `η = Θ/(1 − Θ)` the ratio of the
    /// remaining error to the last correction; the iteration has converged when `η ‖Δ‖ ≤ κ`.
    /// Before a rate is known, `η` is the previous stage's (raised to the power 0.8 at the start
    /// of each attempt, as Hairer & Wanner's codes do per step, IV.8). `Θ ≥ 0.99` or the iteration
    /// limit is divergence; when `mayReject`, a rate predicting that `κ` cannot be reached within
    /// the limit (`η Θ^(kmax − k) ‖Δ‖ > κ`) gives up early.
    ///
    /// The starting value is the stage's predictor (``ESDIRKProgram/predictors(_:)``): from the
    /// stages already computed, or for the first implicit stages the previous step's continuous
    /// extension `P` (monomial form over that step, `P(1) = y`) at `θ = 1 + cᵢ h/h_prev`.
    @inlinable
    func solveStage<F: VectorField>(
        _ field: F, stage i: Int, t: Double, h: Double, workspace w: ESDIRKWorkspace, tolerance kappa: Double,
        mayReject: Bool, statistics: inout SolverStatistics
    ) -> ESDIRKNewtonOutcome {
        let n = w.dimension
        let chunks = w.stride / 4
        let p = program
        let c = w.control
        let y = UnsafePointer(w.state)
        let z = UnsafePointer(w.stages)
        let base = w.stageBase
        let value = w.stageValue
        let delta = w.correction
        let weight = UnsafePointer(w.inverseScale)
        let u = w.stages[i]
        p.arguments.combine(row: i, h: 1, base: y, stages: z, chunks: chunks, into: base)
        if p.extrapolates[i] && c.pointee.hasHistory {
            // Y⁰ = P(θ) = y + Σⱼ (θʲ − 1) rⱼ.
            let theta = 1 + p.nodes[i] * h / c.pointee.historyStep
            let m = w.stride
            for k in 0..<n { value[k] = y[k] }
            var power = 1.0
            for j in 0..<p.denseDegree {
                power *= theta
                let weight = power - 1
                let r = UnsafePointer(w.history + j * m)
                for k in 0..<n { value[k] += weight * r[k] }
            }
        } else {
            p.predictors.combine(row: i, h: 1, base: y, stages: z, chunks: chunks, into: value)
        }
        for k in 0..<n { u[k] = value[k] - base[k] }

        let time = t + p.nodes[i] * h
        let inverseStep = 1 / (h * p.gamma)
        let limit = maximumNewtonIterations
        let argument = UnsafeBufferPointer(start: UnsafePointer(value), count: n)
        let output = UnsafeMutableBufferPointer(start: delta, count: n)
        var eta = c.pointee.convergenceFactor
        var previousNorm = 0.0
        var iteration = 0
        defer {
            c.pointee.convergenceFactor = eta
            c.pointee.totalIterations += iteration
            statistics.functionEvaluations += iteration
        }
        while true {
            if iteration >= limit { return .diverged }
            field.evaluate(time, argument, output)
            for k in 0..<n { delta[k] -= inverseStep * u[k] }
            w.matrix.solve(delta)
            iteration += 1
            var sum = 0.0
            for k in 0..<n {
                let scaled = delta[k] * weight[k]
                sum += scaled * scaled
            }
            let norm = (sum / Double(n)).squareRoot()
            guard norm.isFinite else { return .nonFinite }
            if iteration > 1 {
                let rate = norm / previousNorm
                c.pointee.largestRate = max(c.pointee.largestRate, rate)
                guard rate < 0.99 else { return .diverged }
                eta = rate / (1 - rate)
                if mayReject && iteration < limit {
                    var predicted = eta * norm
                    for _ in iteration..<limit { predicted *= rate }
                    if predicted > kappa { return .slowConvergence }
                }
            }
            previousNorm = max(norm, Double.ulpOfOne)
            for k in 0..<n {
                let updated = u[k] + delta[k]
                u[k] = updated
                value[k] = base[k] + updated
            }
            if eta * norm <= kappa { break }
        }
        let inverseGamma = 1 / p.gamma
        for k in 0..<n { u[k] *= inverseGamma }
        return .converged
    }
}
