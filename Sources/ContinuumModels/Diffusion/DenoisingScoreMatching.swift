import ContinuumNeural
import ContinuumNumerics
import Foundation

/// Trains a ``LearnedScore`` by denoising score matching (Vincent 2011; Song et al. 2021): minibatches
/// of data `x₀`, times `t ~ U[t_min, T]` and noises `ε`, loss `mean |ε_θ(α x₀ + s ε, t/T) − ε|²`
/// (the `λ(t) = s(t)²`-weighted score-matching loss, see ``LearnedScore``), Adam on the batch gradient
/// from the network's hand-written VJP. Deterministic from `key`.
public struct DenoisingScoreMatching: Sendable {
    /// Hidden layer widths.
    public var hiddenWidths = [64, 64]
    /// Hidden activation.
    public var activation = Activation.swish
    /// Adam steps.
    public var steps = 4000
    /// Samples per minibatch.
    public var batchSize = 256
    /// Adam's learning rate (cosine-decayed to a tenth over the steps).
    public var learningRate = 3e-3
    /// Smallest training (and evaluation) time.
    public var minimumTime = 1e-3

    public init() {}

    /// The trained score and the loss of each step.
    public func train(on data: SampleSet, sde: ForwardSDE, key: RandomKey) throws -> (score: LearnedScore, losses: [Double]) {
        let d = data.dimension, b = batchSize
        guard data.count > 0, steps > 0, b > 0 else { throw DiffusionError.invalidParameter(name: "training", reason: "empty data or no steps") }
        let network = try MLP(widths: [d + 1] + hiddenWidths + [d], activation: activation)
        var stream = RandomStream(key: key.split(0))
        var parameters = network.initialParameters(stream: &stream)
        var adam = try Adam(parameterCount: network.parameterCount, learningRate: learningRate)
        let workspace = network.makeWorkspace(batchCapacity: b)
        var input = [Double](repeating: 0, count: b * (d + 1)), noise = [Double](repeating: 0, count: b * d)
        var output = [Double](repeating: 0, count: b * d), cotangent = [Double](repeating: 0, count: b * d)
        var gradient = [Double](repeating: 0, count: network.parameterCount)
        var losses: [Double] = []
        losses.reserveCapacity(steps)
        for step in 0..<steps {
            for r in 0..<b {
                let i = min(Int(stream.nextUniform() * Double(data.count)), data.count - 1)
                let t = minimumTime + (sde.finalTime - minimumTime) * stream.nextUniform()
                let (alpha, s) = (sde.meanCoefficient(at: t), sde.standardDeviation(at: t))
                for j in 0..<d {
                    let e = stream.nextNormal()
                    noise[r * d + j] = e
                    input[r * (d + 1) + j] = alpha * data.values[i * d + j] + s * e
                }
                input[r * (d + 1) + d] = t / sde.finalTime
            }
            input.withUnsafeBufferPointer { x in
                parameters.withUnsafeBufferPointer { p in
                    output.withUnsafeMutableBufferPointer { network.forward(x, parameters: p, into: $0, workspace: workspace) }
                }
            }
            var loss = 0.0
            for k in 0..<(b * d) {
                let r = output[k] - noise[k]
                loss += r * r
                cotangent[k] = 2 * r / Double(b)
            }
            losses.append(loss / Double(b))
            for k in gradient.indices { gradient[k] = 0 }
            cotangent.withUnsafeBufferPointer { v in
                parameters.withUnsafeBufferPointer { p in
                    gradient.withUnsafeMutableBufferPointer {
                        network.vjp(v, parameters: p, inputCotangent: nil, accumulatingInto: $0, workspace: workspace)
                    }
                }
            }
            adam.learningRate = learningRate * (0.55 + 0.45 * cos(Double.pi * Double(step) / Double(steps)))
            adam.step(&parameters, gradient: gradient)
        }
        return (try LearnedScore(network: network, parameters: parameters, sde: sde, minimumTime: minimumTime), losses)
    }
}
