import ContinuumNeural
import ContinuumNumerics
import ContinuumODE
import ContinuumSDE
import ContinuumSensitivity

/// A neural SDE `dy = f(y) dt + g(y) ∘ dW` in the Stratonovich sense, with diagonal noise: the
/// drift `f` and the diffusion `g` are two multilayer perceptrons, and `g` ends in a softplus so
/// every `gᵢ > 0`. Trained with the exact reversible Heun adjoint (see ``fit(to:y0:t0:at:options:)``).
public struct NeuralSDE: Sendable {
    /// State dimension `n`.
    public let dimension: Int
    /// Whether both networks also see `t`.
    public let usesTime: Bool
    /// The drift network `n (+1) → hidden^depth → n`.
    public let driftNetwork: MLP
    /// The diffusion network `n (+1) → hidden^depth → n`, softplus output.
    public let diffusionNetwork: MLP
    /// All parameters: the drift network's, then the diffusion network's.
    public var parameters: [Double]

    /// A model with `depth` hidden layers of `hidden` units for each network, initialised like
    /// PyTorch's `Linear` from `seed`; the drift's last layer is scaled by `outputScale` so the
    /// initial dynamics are gentle, and the diffusion starts near `softplus(0) = log 2`.
    public init(
        dimension: Int, hidden: Int = 16, depth: Int = 1, activation: Activation = .tanh, usesTime: Bool = false,
        seed: UInt64 = 0, outputScale: Double = 0.1
    ) throws(NeuralError) {
        let widths = [dimension + (usesTime ? 1 : 0)] + [Int](repeating: hidden, count: max(depth, 1)) + [dimension]
        driftNetwork = try MLP(widths: widths, activation: activation)
        diffusionNetwork = try MLP(widths: widths, activation: activation, outputActivation: .softplus)
        self.dimension = dimension
        self.usesTime = usesTime
        var stream = RandomStream(seed: seed)
        var drift = driftNetwork.layout.initializeLikePyTorch(stream: &stream)
        if let last = driftNetwork.layout.blocks.suffix(2).first { for k in last.range { drift[k] *= outputScale } }
        var diffusion = diffusionNetwork.layout.initializeLikePyTorch(stream: &stream)
        if let last = diffusionNetwork.layout.blocks.suffix(2).first { for k in last.range { diffusion[k] *= outputScale } }
        parameters = drift + diffusion
    }

    /// The drift with the current parameters (with its own workspace).
    public var drift: NeuralVectorField {
        NeuralVectorField(
            network: driftNetwork, parameters: Array(parameters[0..<driftNetwork.parameterCount]), usesTime: usesTime)
    }

    /// The diffusion with the current parameters (with its own workspace).
    public var diffusion: NeuralDiffusion {
        NeuralDiffusion(
            network: diffusionNetwork, parameters: Array(parameters[driftNetwork.parameterCount...]), usesTime: usesTime)
    }

    /// The SDE from `y0` on `[t0, t1]` with the current parameters.
    public func problem(y0: [Double], from t0: Double, to t1: Double) throws(SDEError) -> SDEProblem<NeuralVectorField, NeuralDiffusion> {
        try SDEProblem(drift: drift, diffusion: diffusion, noise: .diagonal, y0: y0, from: t0, to: t1)
    }

    /// `f(t, y)` and `g(t, y)` at one point (for inspection; allocates).
    public func fields(at y: [Double], time t: Double = 0) -> (drift: [Double], diffusion: [Double]) {
        var f = [Double](repeating: 0, count: dimension), g = f
        let driftField = drift, diffusionField = diffusion
        y.withUnsafeBufferPointer { y in
            f.withUnsafeMutableBufferPointer { driftField.evaluate(t, y, $0) }
            g.withUnsafeMutableBufferPointer { diffusionField.evaluate(t, y, $0) }
        }
        return (f, g)
    }
}
