import Foundation

/// A loss of a whole batch of sample paths at once, `L(Y)` with `Y` the states of every path at
/// every loss time (row-major: path, then time, then component), e.g. a distance between the
/// batch's moments and observed ones. Unlike a ``TrajectoryLoss`` it couples the paths, so its
/// gradient is taken after all the forward solves.
public protocol EnsembleLoss {
    /// Returns `L(Y)` and writes `∂L/∂Y` (same shape as `states`) into `gradient`.
    func evaluate(
        states: UnsafeBufferPointer<Double>, paths: Int, times: Int, dimension: Int,
        gradient: UnsafeMutableBufferPointer<Double>) -> Double
}

/// Matches the batch's mean and standard deviation at each loss time to target values:
///
///     L = Σᵢⱼ (m̂ᵢⱼ − mᵢⱼ)² + (ŝᵢⱼ − sᵢⱼ)²,   m̂ = (1/B) Σₚ yₚ,   ŝ² = (1/B) Σₚ (yₚ − m̂)²,
///
/// over loss times `i` and components `j`, with `∂L/∂yₚ = 2(m̂ − m)/B + 2(ŝ − s)(yₚ − m̂)/(B ŝ)`.
/// Matching the first two moments of the marginals identifies drift and diffusion scale of an
/// Ornstein-Uhlenbeck-like process; a path-wise loss cannot, because model and data noise differ.
public struct MomentMatchingLoss: EnsembleLoss, Sendable {
    /// Target means, row-major `times × dimension`.
    public var mean: [Double]
    /// Target standard deviations, same shape.
    public var standardDeviation: [Double]

    public init(mean: [Double], standardDeviation: [Double]) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// The targets estimated from observed sample paths: `samples[p]` holds path `p` at each loss
    /// time, row-major `times × dimension`.
    public init(samples: [[Double]]) {
        let count = samples.first?.count ?? 0, b = Double(samples.count)
        var mean = [Double](repeating: 0, count: count), variance = mean
        for sample in samples { for k in 0..<count { mean[k] += sample[k] / b } }
        for sample in samples { for k in 0..<count { variance[k] += (sample[k] - mean[k]) * (sample[k] - mean[k]) / b } }
        self.init(mean: mean, standardDeviation: variance.map { $0.squareRoot() })
    }

    public func evaluate(
        states: UnsafeBufferPointer<Double>, paths: Int, times: Int, dimension: Int,
        gradient: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        let row = times * dimension, b = Double(paths)
        var loss = 0.0
        for k in 0..<row {
            var m = 0.0
            for p in 0..<paths { m += states[p * row + k] }
            m /= b
            var v = 0.0
            for p in 0..<paths { v += (states[p * row + k] - m) * (states[p * row + k] - m) }
            let s = (v / b + 1e-12).squareRoot()
            let dm = m - mean[k], ds = s - standardDeviation[k]
            loss += dm * dm + ds * ds
            for p in 0..<paths {
                gradient[p * row + k] = 2 * dm / b + 2 * ds * (states[p * row + k] - m) / (b * s)
            }
        }
        return loss
    }
}
