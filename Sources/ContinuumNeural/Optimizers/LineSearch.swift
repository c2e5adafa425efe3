/// How ``LBFGS`` chooses the step length `α` along a descent direction `d`, from
/// `φ(α) = f(x + α d)` and its slope `φ′(α) = ∇f(x + α d) · d`.
///
/// - `strongWolfe(c1, c2)`: Nocedal & Wright's bracketing search (Algorithms 3.5 and 3.6) with
///   safeguarded cubic interpolation, ending at a step with sufficient decrease
///   `φ(α) ≤ φ(0) + c₁ α φ′(0)` and small slope `|φ′(α)| ≤ c₂ |φ′(0)|`, which keeps the curvature
///   `sᵀy` of the L-BFGS update positive.
/// - `backtracking(c1, contraction)`: shrinks `α` by `contraction` until sufficient decrease.
public enum LineSearch: Sendable, Hashable {
    case strongWolfe(c1: Double, c2: Double)
    case backtracking(c1: Double, contraction: Double)

    /// The usual constants for quasi-Newton methods, `c₁ = 10⁻⁴`, `c₂ = 0.9`.
    public static let standard = LineSearch.strongWolfe(c1: 1e-4, c2: 0.9)

    /// One trial point: step, value, slope.
    struct Trial {
        var step: Double, value: Double, slope: Double
    }

    /// Searches from `initialStep`; `phi` evaluates a step (and leaves its gradient with the
    /// caller). Returns the accepted trial, re-evaluated last so the caller's buffers hold it, or
    /// nil when no acceptable step was found within `maxEvaluations`.
    func search(initialStep: Double, at origin: Trial, maxEvaluations: Int, _ phi: (Double) -> Trial) -> Trial? {
        switch self {
        case .backtracking(let c1, let contraction):
            var step = initialStep
            for _ in 0..<maxEvaluations {
                let trial = phi(step)
                if trial.value <= origin.value + c1 * step * origin.slope { return trial }
                step *= contraction
            }
            return nil
        case .strongWolfe(let c1, let c2):
            return strongWolfe(
                initialStep: initialStep, at: origin, c1: c1, c2: c2, maxEvaluations: maxEvaluations, phi)
        }
    }

    private func strongWolfe(
        initialStep: Double, at origin: Trial, c1: Double, c2: Double, maxEvaluations: Int, _ phi: (Double) -> Trial
    ) -> Trial? {
        var previous = origin
        var step = initialStep
        var evaluations = 0
        func sufficient(_ t: Trial) -> Bool { t.value <= origin.value + c1 * t.step * origin.slope }
        func flat(_ t: Trial) -> Bool { t.slope.magnitude <= -c2 * origin.slope }
        while evaluations < maxEvaluations {
            let trial = phi(step)
            evaluations += 1
            guard trial.value.isFinite, trial.slope.isFinite else {
                step = 0.5 * (previous.step + step)  // stepped out of the domain: retreat
                continue
            }
            if !sufficient(trial) || (evaluations > 1 && trial.value >= previous.value) {
                return zoom(
                    low: previous, high: trial, origin: origin, c1: c1, c2: c2, budget: maxEvaluations - evaluations,
                    phi)
            }
            if flat(trial) { return trial }
            if trial.slope >= 0 {
                return zoom(
                    low: trial, high: previous, origin: origin, c1: c1, c2: c2, budget: maxEvaluations - evaluations,
                    phi)
            }
            // Still descending: extrapolate, at least doubling and at most ×10.
            let next = Self.cubicMinimizer(previous, trial) ?? 4 * trial.step
            previous = trial
            step = Swift.min(Swift.max(next, 2 * trial.step), 10 * trial.step)
        }
        return nil
    }

    /// Algorithm 3.6: shrinks a bracket `[low, high]` known to contain acceptable steps; `low`
    /// always has the lowest value with sufficient decrease seen so far.
    private func zoom(
        low: Trial, high: Trial, origin: Trial, c1: Double, c2: Double, budget: Int, _ phi: (Double) -> Trial
    ) -> Trial? {
        var low = low
        var high = high
        for _ in 0..<Swift.max(budget, 0) {
            let a = Swift.min(low.step, high.step)
            let b = Swift.max(low.step, high.step)
            let width = b - a
            if width <= 1e-14 * b { break }
            var step = Self.cubicMinimizer(low, high) ?? 0.5 * (a + b)
            // Safeguard: keep the trial away from the bracket's ends.
            if !(step > a + 0.1 * width && step < b - 0.1 * width) { step = 0.5 * (a + b) }
            let trial = phi(step)
            if !trial.value.isFinite || trial.value > origin.value + c1 * step * origin.slope
                || trial.value >= low.value
            {
                high = trial
            } else {
                if trial.slope.magnitude <= -c2 * origin.slope { return trial }
                if trial.slope * (high.step - low.step) >= 0 { high = low }
                low = trial
            }
        }
        // Out of budget or bracket collapsed: accept the best point if it decreases f.
        guard low.step > 0, low.value < origin.value else { return nil }
        return phi(low.step)
    }

    /// The minimiser of the cubic matching values and slopes at two trials, if it exists.
    static func cubicMinimizer(_ p: Trial, _ q: Trial) -> Double? {
        let d1 = p.slope + q.slope - 3 * (p.value - q.value) / (p.step - q.step)
        let discriminant = d1 * d1 - p.slope * q.slope
        guard discriminant >= 0 else { return nil }
        let d2 = (q.step > p.step ? 1.0 : -1.0) * discriminant.squareRoot()
        let denominator = q.slope - p.slope + 2 * d2
        guard denominator != 0 else { return nil }
        let step = q.step - (q.step - p.step) * (q.slope + d2 - d1) / denominator
        return step.isFinite ? step : nil
    }
}
