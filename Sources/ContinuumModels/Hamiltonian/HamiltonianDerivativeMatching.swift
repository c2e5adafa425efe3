import ContinuumNeural

/// The derivative-matching loss of a ``HamiltonianNeuralNetwork`` on ``HamiltonianSamples`` and
/// its exact parameter gradient:
///
///     L(θ) = (1/N) Σₖ |J∇H(yₖ; θ) − ẏₖ|²,   J∇H = (∂H/∂p, −∂H/∂q).
///
/// With residual `r = J∇H − ẏ`, `∂L/∂θ = (2/N) Σₖ ∇_θ(uₖᵀ∇ₓH)(yₖ)` for `u = Jᵀr = (−r_p, r_q)`:
/// the parameter gradient of a gradient, which is the directional derivative of the parameter
/// vector-Jacobian product along `u` (forward-over-reverse,
/// ``MLP/vjpDirectionalDerivative(_:along:parameters:inputCotangent:accumulatingInto:inputCotangentTangent:accumulatingTangentInto:workspace:)``).
/// All samples go through the network as one batch; buffers are allocated once, here.
public final class HamiltonianDerivativeMatching {
    public let network: MLP
    public let samples: HamiltonianSamples
    @usableFromInline let workspace: MLPWorkspace
    /// `1` per sample, `∇ₓH` per sample, the tangent `u` per sample.
    @usableFromInline var ones: [Double], inputGradient: [Double], tangent: [Double]

    /// The loss of `network` (`2n` inputs, one output) on `samples`.
    public init(network: MLP, samples: HamiltonianSamples) throws(NeuralError) {
        guard network.outputWidth == 1 else { throw .countMismatch(expected: 1, actual: network.outputWidth, what: "network outputs") }
        guard network.inputWidth == 2 * samples.degreesOfFreedom else {
            throw .countMismatch(
                expected: 2 * samples.degreesOfFreedom, actual: network.inputWidth, what: "network inputs (2n for the samples' (q, p))")
        }
        self.network = network
        self.samples = samples
        workspace = network.makeWorkspace(batchCapacity: samples.count)
        ones = [Double](repeating: 1, count: samples.count)
        inputGradient = [Double](repeating: 0, count: samples.states.count)
        tangent = [Double](repeating: 0, count: samples.states.count)
    }

    /// `L(θ)`, with `∂L/∂θ` written into `gradient` (both buffers sized for the network's
    /// parameters).
    public func evaluate(_ parameters: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        let n = samples.degreesOfFreedom, count = samples.count
        let scale = 1 / Double(count)
        gradient.update(repeating: 0)
        var loss = 0.0
        samples.states.withUnsafeBufferPointer { states in
            ones.withUnsafeBufferPointer { ones in
                inputGradient.withUnsafeMutableBufferPointer { g in
                    network.valueAndVJP(
                        states, parameters: parameters, outputCotangent: ones, inputCotangent: g,
                        accumulatingInto: nil, workspace: workspace)
                    samples.derivatives.withUnsafeBufferPointer { target in
                        tangent.withUnsafeMutableBufferPointer { u in
                            for k in 0..<count {
                                let row = 2 * n * k
                                for i in 0..<n {
                                    let rq = g[row + n + i] - target[row + i]
                                    let rp = -g[row + i] - target[row + n + i]
                                    loss += rq * rq + rp * rp
                                    u[row + i] = -2 * scale * rp
                                    u[row + n + i] = 2 * scale * rq
                                }
                            }
                            network.vjpDirectionalDerivative(
                                ones, along: UnsafeBufferPointer(u), parameters: parameters, inputCotangentTangent: nil,
                                accumulatingTangentInto: gradient, workspace: workspace)
                        }
                    }
                }
            }
        }
        return loss * scale
    }
}
