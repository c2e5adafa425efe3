import ContinuumNumerics
import Foundation

/// Samplers of the reverse-time SDE `dx = [b x − g² s(x, t)] dt + g dW̄` from `T` to `0`
/// (Anderson 1982; Song et al. 2021), on a uniform grid of `steps` steps.
public struct ReverseSDESampler: Sendable {
    /// The optional corrector after each predictor step.
    public enum Corrector: Sendable, Equatable {
        /// Plain Euler-Maruyama.
        case none
        /// `steps` Langevin MCMC moves `x ← x + ε s + √(2ε) z` at the new time, with the step set by
        /// the signal-to-noise ratio `r`: `ε = 2 r² s(t)²`. This is Song et al.'s (2021, Alg. 5)
        /// `ε = 2 (r |z| / |∇log p|)²` with the norms replaced by their typical values `|z|² ≈ d`,
        /// `|∇log p|² ≈ d / s(t)²`: in low dimension the per-sample ratio is heavy-tailed (a point near a
        /// mode has a tiny score and would take a huge step) and biases the samples.
        case langevin(snr: Double, steps: Int)
    }

    /// The number of predictor steps.
    public let steps: Int
    /// The corrector.
    public let corrector: Corrector

    /// A sampler with `steps` Euler-Maruyama steps and `corrector`.
    public init(steps: Int, corrector: Corrector = .none) throws(DiffusionError) {
        guard steps > 0 else { throw .invalidParameter(name: "steps", reason: "must be positive, got \(steps)") }
        if case let .langevin(snr, correctorSteps) = corrector, !(snr > 0 && snr.isFinite) || correctorSteps < 1 {
            throw .invalidParameter(name: "corrector", reason: "needs snr > 0 and at least one step")
        }
        self.steps = steps
        self.corrector = corrector
    }

    /// Draws `n` samples of `score`'s data distribution, starting path `i` at `prior(i)` and driving it
    /// with the normals of `key.split(i)`: reproducible and independent of the number of workers.
    public func sample<Score: ScoreFunction>(
        _ n: Int, sde: ForwardSDE, score: Score, prior: @escaping @Sendable (Int) -> [Double], key: RandomKey,
        keepingTrajectories: Int = 0, workers: Int? = nil
    ) throws(DiffusionError) -> SamplerResult {
        guard n > 0 else { throw .invalidParameter(name: "n", reason: "must be positive, got \(n)") }
        let d = score.dimension
        let values = SharedBuffer<Double>(count: n * d, repeating: .nan)
        let keep = min(keepingTrajectories, n)
        let kept = SharedBuffer<[(t: Double, x: [Double])]>(count: max(keep, 1), repeating: [])
        let sampler = self
        forEachChunk(n, workers: workers) { range in
            let local = score.copy()
            var x = [Double](repeating: 0, count: d)
            var s = [Double](repeating: 0, count: d)
            var z = [Double](repeating: 0, count: d)
            for i in range {
                x = prior(i)
                var stream = RandomStream(key: key.split(UInt64(i)))
                var path: [(t: Double, x: [Double])] = i < keep ? [(sde.finalTime, x)] : []
                let every = max(sampler.steps / 50, 1)
                for step in 0..<sampler.steps {
                    let t = sde.finalTime * (1 - Double(step) / Double(sampler.steps))
                    let h = sde.finalTime / Double(sampler.steps)
                    sampler.predict(&x, &s, &z, t: t, h: h, sde: sde, score: local, stream: &stream)
                    if case let .langevin(snr, moves) = sampler.corrector {
                        for _ in 0..<moves { correct(&x, &s, &z, t: t - h, snr: snr, sde: sde, score: local, stream: &stream) }
                    }
                    if i < keep && ((step + 1) % every == 0 || step + 1 == sampler.steps) { path.append((t - h, x)) }
                }
                if i < keep { kept.buffer[i] = path }
                if x.allSatisfy(\.isFinite) { for j in 0..<d { values.buffer[i * d + j] = x[j] } }
            }
        }
        let points = values.array
        let failures = (0..<n).filter { i in (0..<d).contains { !points[i * d + $0].isFinite } }.count
        let perStep = 1 + (corrector == .none ? 0 : { if case let .langevin(_, m) = corrector { return m } else { return 0 } }())
        return SamplerResult(samples: SampleSet(dimension: d, values: points),
                             functionEvaluations: n * steps * perStep, failures: failures,
                             trajectories: keep > 0 ? Array(kept.array.prefix(keep)) : [])
    }

    /// One Euler-Maruyama step of the reverse SDE from `t` to `t − h`.
    @inlinable
    func predict<Score: ScoreFunction>(_ x: inout [Double], _ s: inout [Double], _ z: inout [Double], t: Double, h: Double,
                                       sde: ForwardSDE, score: Score, stream: inout RandomStream) {
        let b = sde.driftCoefficient(at: t), g2 = sde.diffusionSquared(at: t)
        let g = g2.squareRoot(), rootH = h.squareRoot()
        x.withUnsafeBufferPointer { xb in s.withUnsafeMutableBufferPointer { score.score(xb, at: t, into: $0) } }
        for j in 0..<x.count {
            x[j] += -(b * x[j] - g2 * s[j]) * h + g * rootH * stream.nextNormal()
        }
    }
}

/// One Langevin move at time `t` with the step chosen from the signal-to-noise ratio `snr`.
@inlinable
func correct<Score: ScoreFunction>(_ x: inout [Double], _ s: inout [Double], _ z: inout [Double], t: Double, snr: Double,
                                   sde: ForwardSDE, score: Score, stream: inout RandomStream) {
    x.withUnsafeBufferPointer { xb in s.withUnsafeMutableBufferPointer { score.score(xb, at: t, into: $0) } }
    let sigma = sde.standardDeviation(at: t)
    let epsilon = 2 * snr * snr * sigma * sigma
    let root = (2 * epsilon).squareRoot()
    for j in 0..<x.count { x[j] += epsilon * s[j] + root * stream.nextNormal() }
}
