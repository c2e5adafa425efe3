import ContinuumNeural
import Foundation

/// A learned score `s_θ(x, t) = −ε_θ(x, t/T) / s(t)`: an MLP `ε_θ` from `(x, t/T)` to `d` outputs
/// predicts the noise `ε` of `x = α x₀ + s ε` (Ho et al. 2020). With this parametrisation the
/// denoising score-matching loss with Song et al.'s weighting `λ(t) = s(t)²`,
/// `λ |s_θ(x, t) + ε/s|²`, is exactly `|ε_θ(x, t) − ε|²` (see ``DenoisingScoreMatching``).
///
/// Below `minimumTime` (where `s → 0`) the score is held at its value there. Each instance owns an
/// MLP workspace; the samplers give every thread its own through ``copy()``.
public final class LearnedScore: ScoreFunction, @unchecked Sendable {
    /// The network `ε_θ`: `d + 1` inputs, `d` outputs.
    public let network: MLP
    /// Its parameters.
    public let parameters: [Double]
    /// The forward SDE the score belongs to.
    public let sde: ForwardSDE
    /// The smallest time at which the network is evaluated.
    public let minimumTime: Double
    let workspace: MLPWorkspace

    /// A score from a trained network; throws if its widths do not fit `d + 1 → d`.
    public init(network: MLP, parameters: [Double], sde: ForwardSDE, minimumTime: Double = 1e-3) throws(DiffusionError) {
        guard network.inputWidth == network.outputWidth + 1 else {
            throw .invalidParameter(name: "network", reason: "needs d + 1 inputs (x, t) and d outputs")
        }
        guard parameters.count == network.parameterCount else {
            throw .dimensionMismatch(expected: network.parameterCount, actual: parameters.count, what: "parameters")
        }
        self.network = network
        self.parameters = parameters
        self.sde = sde
        self.minimumTime = minimumTime
        workspace = network.makeWorkspace()
    }

    public var dimension: Int { network.outputWidth }

    public func score(_ x: UnsafeBufferPointer<Double>, at t: Double, into score: UnsafeMutableBufferPointer<Double>) {
        let d = dimension
        let time = max(t, minimumTime)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: d + 1) { input in
            for i in 0..<d { input[i] = x[i] }
            input[d] = time / sde.finalTime
            parameters.withUnsafeBufferPointer { p in
                network.forward(UnsafeBufferPointer(input), parameters: p, into: score, workspace: workspace)
            }
        }
        let scale = -1 / sde.standardDeviation(at: time)
        for i in 0..<d { score[i] *= scale }
    }

    public func copy() -> LearnedScore {
        // The checks passed when `self` was made.
        try! LearnedScore(network: network, parameters: parameters, sde: sde, minimumTime: minimumTime)
    }
}
