import Foundation

/// A learning rate as a function of the (zero-based) step number.
///
/// | case | rate at step `s` |
/// |---|---|
/// | `constant(η)` | `η` |
/// | `stepDecay(initial: η, factor: γ, every: n)` | `η γ^⌊s/n⌋` |
/// | `exponential(initial: η, decay: γ)` | `η γ^s` |
/// | `cosine(peak: η, warmupSteps: w, totalSteps: T, minimum: η₀)` | `η (s+1)/w` for `s < w`, then `η₀ + (η − η₀)(1 + cos πp)/2` |
///
/// In the cosine schedule `p = (s − w)/(T − w)`, clamped to `[0, 1]`: a linear warm-up to `η`, then a half cosine down
/// to `η₀`, which is held after step `T`.
public enum LearningRateSchedule: Sendable, Hashable {
    case constant(Double)
    case stepDecay(initial: Double, factor: Double, every: Int)
    case exponential(initial: Double, decay: Double)
    case cosine(peak: Double, warmupSteps: Int, totalSteps: Int, minimum: Double)

    /// The rate at `step` (0 for the first step).
    public func rate(atStep step: Int) -> Double {
        switch self {
        case .constant(let rate):
            return rate
        case .stepDecay(let initial, let factor, let every):
            return initial * pow(factor, Double(step / Swift.max(every, 1)))
        case .exponential(let initial, let decay):
            return initial * pow(decay, Double(step))
        case .cosine(let peak, let warmup, let total, let minimum):
            if step < warmup { return peak * Double(step + 1) / Double(warmup) }
            let span = Double(Swift.max(total - warmup, 1))
            let progress = Swift.min(Swift.max(Double(step - warmup) / span, 0), 1)
            return minimum + (peak - minimum) * 0.5 * (1 + cos(Double.pi * progress))
        }
    }
}
