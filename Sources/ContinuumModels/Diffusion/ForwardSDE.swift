import Foundation

/// A linear forward (noising) SDE `dx = b(t) x dt + g(t) dW` on `[0, T]`, as used by score-based
/// diffusion models (Song et al. 2021).
///
/// Every schedule here has a linear drift, so the law of `x(t)` given `x(0) = x₀` is Gaussian,
/// `x(t) = α(t) x₀ + s(t) ε` with `ε ~ N(0, I)`: ``meanCoefficient(at:)`` is `α(t) = exp ∫₀ᵗ b` and
/// ``standardDeviation(at:)`` is `s(t)`, with `s(t)² = α(t)² ∫₀ᵗ g²/α²`. Both are in closed form.
///
/// - Variance preserving: `β(t) = β_min + t (β_max − β_min)`, `b = −β/2`, `g² = β`, `s² = 1 − α²`.
/// - Variance exploding: `σ(t) = σ_min (σ_max/σ_min)^t`, `b = 0`, `g² = dσ²/dt`,
///   `s² = σ(t)² − σ_min²` (the exact kernel from `x(0)`).
/// - Sub-VP: `b = −β/2`, `g² = β (1 − α⁴)`, `s = 1 − α²`.
/// - Ornstein-Uhlenbeck of the lecture notes: `σ(t) = 1 − e^{−t}`, `b = −σ/(1+σ)`,
///   `g² = 2σ/(1+σ)`, `α = √(1 − σ²)`, `s = σ`. (Check: `d log α/dt = −σσ'/(1−σ²)` with `σ' = 1 − σ`
///   gives `b`; `g² = d(s²)/dt − 2 b s² = 2σ(1−σ) + 2σ³/(1+σ) = 2σ/(1+σ)`.)
public struct ForwardSDE: Sendable, Equatable {
    /// The family and its parameters.
    public enum Schedule: Sendable, Equatable {
        case variancePreserving(betaMin: Double, betaMax: Double)
        case varianceExploding(sigmaMin: Double, sigmaMax: Double)
        case subVariancePreserving(betaMin: Double, betaMax: Double)
        case ornsteinUhlenbeck
    }

    /// The schedule.
    public let schedule: Schedule
    /// The final time `T` of the forward process.
    public let finalTime: Double

    /// A forward SDE on `[0, finalTime]`; throws for non-positive or non-finite parameters.
    public init(_ schedule: Schedule, finalTime: Double = 1) throws(DiffusionError) {
        guard finalTime > 0, finalTime.isFinite else {
            throw .invalidParameter(name: "final time", reason: "must be positive and finite, got \(finalTime)")
        }
        switch schedule {
        case let .variancePreserving(lo, hi), let .subVariancePreserving(lo, hi):
            guard lo > 0, hi >= lo, hi.isFinite else {
                throw .invalidParameter(name: "beta", reason: "need 0 < beta_min <= beta_max, got \(lo), \(hi)")
            }
        case let .varianceExploding(lo, hi):
            guard lo > 0, hi > lo, hi.isFinite else {
                throw .invalidParameter(name: "sigma", reason: "need 0 < sigma_min < sigma_max, got \(lo), \(hi)")
            }
        case .ornsteinUhlenbeck: break
        }
        self.schedule = schedule
        self.finalTime = finalTime
    }

    /// VP with Song et al.'s defaults `β ∈ [0.1, 20]` on `[0, 1]`.
    public static let variancePreserving = try! ForwardSDE(.variancePreserving(betaMin: 0.1, betaMax: 20))
    /// VE with `σ ∈ [0.01, 10]` on `[0, 1]` (σ_max of the order of the data's diameter).
    public static let varianceExploding = try! ForwardSDE(.varianceExploding(sigmaMin: 0.01, sigmaMax: 10))
    /// Sub-VP with `β ∈ [0.1, 20]` on `[0, 1]`.
    public static let subVariancePreserving = try! ForwardSDE(.subVariancePreserving(betaMin: 0.1, betaMax: 20))
    /// The notes' Ornstein-Uhlenbeck schedule on `[0, 6]` (`σ(6) = 1 − e⁻⁶`).
    public static let ornsteinUhlenbeck = try! ForwardSDE(.ornsteinUhlenbeck, finalTime: 6)

    /// `b(t)` of the drift `f(x, t) = b(t) x`.
    @inlinable
    public func driftCoefficient(at t: Double) -> Double {
        switch schedule {
        case let .variancePreserving(lo, hi), let .subVariancePreserving(lo, hi): return -0.5 * (lo + t * (hi - lo))
        case .varianceExploding: return 0
        case .ornsteinUhlenbeck:
            let sigma = -expm1(-t)
            return -sigma / (1 + sigma)
        }
    }

    /// The drift `f(x, t) = b(t) x`, written into `out`.
    @inlinable
    public func drift(_ x: UnsafeBufferPointer<Double>, at t: Double, into out: UnsafeMutableBufferPointer<Double>) {
        let b = driftCoefficient(at: t)
        for i in 0..<x.count { out[i] = b * x[i] }
    }

    /// The squared diffusion `g(t)²`.
    @inlinable
    public func diffusionSquared(at t: Double) -> Double {
        switch schedule {
        case let .variancePreserving(lo, hi): return lo + t * (hi - lo)
        case let .subVariancePreserving(lo, hi):
            let alpha = meanCoefficient(at: t)
            let a2 = alpha * alpha
            return (lo + t * (hi - lo)) * (1 - a2 * a2)
        case let .varianceExploding(lo, hi):
            let ratio = hi / lo
            let sigma = lo * pow(ratio, t)
            return 2 * sigma * sigma * log(ratio)
        case .ornsteinUhlenbeck:
            let sigma = -expm1(-t)
            return 2 * sigma / (1 + sigma)
        }
    }

    /// The diffusion `g(t)`.
    @inlinable
    public func diffusion(at t: Double) -> Double { diffusionSquared(at: t).squareRoot() }

    /// `α(t)`: the mean of `x(t)` given `x(0) = x₀` is `α(t) x₀`.
    @inlinable
    public func meanCoefficient(at t: Double) -> Double {
        switch schedule {
        case let .variancePreserving(lo, hi), let .subVariancePreserving(lo, hi):
            return exp(-0.25 * t * t * (hi - lo) - 0.5 * t * lo)
        case .varianceExploding: return 1
        case .ornsteinUhlenbeck:
            let sigma = -expm1(-t)
            return ((1 - sigma) * (1 + sigma)).squareRoot()
        }
    }

    /// `s(t)`: the standard deviation of `x(t)` given `x(0)` (the same in every coordinate).
    @inlinable
    public func standardDeviation(at t: Double) -> Double {
        switch schedule {
        case let .variancePreserving(lo, hi):
            return (-expm1(-0.5 * t * t * (hi - lo) - t * lo)).squareRoot()
        case let .subVariancePreserving(lo, hi):
            return -expm1(-0.5 * t * t * (hi - lo) - t * lo)
        case let .varianceExploding(lo, hi):
            // σ(t)² − σ_min² = σ_min² (r^{2t} − 1), without cancellation near t = 0.
            return lo * expm1(2 * t * log(hi / lo)).squareRoot()
        case .ornsteinUhlenbeck: return -expm1(-t)
        }
    }
}
