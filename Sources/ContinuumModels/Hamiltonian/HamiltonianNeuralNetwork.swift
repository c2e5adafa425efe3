import ContinuumNeural
import ContinuumNumerics
import ContinuumODE

/// A Hamiltonian neural network (Greydanus, Dzamba & Yosinski 2019): the energy
/// `H(q, p) = MLP(q, p)` is a network with `2n` inputs and one output, and the dynamics are its
/// symplectic gradient `q' = ∂H/∂p`, `p' = −∂H/∂q`, so every trajectory conserves the learned `H`
/// exactly and a symplectic integrator conserves it to its accuracy without drift.
///
/// `∇H` is the network's input gradient, one vector-Jacobian product with cotangent `1`. As a
/// ``HamiltonianSystem`` the network is integrated by the implicit symplectic methods
/// (``CollocationMethod``: the learned `H` is in general not separable). Training by derivative
/// matching (``HamiltonianDerivativeMatching``) needs the parameter gradient of `∇H`, a
/// second-order product.
///
/// ```swift
/// var model = try HamiltonianNeuralNetwork(degreesOfFreedom: 1, hiddenWidths: [32, 32])
/// try HamiltonianTraining.train(&model, on: samples)
/// let problem = try PartitionedProblem(model, q0: [1], p0: [0], from: 0, to: 30)
/// let orbit = try solve(problem, with: .gauss4, options: GeometricOptions(stepSize: 0.05, energyEvery: 1))
/// ```
///
/// Evaluation runs in the value's own workspace and allocates nothing; it is not thread-safe
/// (give each thread a ``copy()``).
public struct HamiltonianNeuralNetwork: HamiltonianSystem {
    /// The energy network: `2n` inputs `(q, p)`, one output.
    public let network: MLP
    /// The network's parameters.
    public var parameters: [Double]
    public let degreesOfFreedom: Int
    @usableFromInline let workspace: MLPWorkspace
    /// Input `(q, p)`, the cotangent `1`, the input gradient and the output.
    @usableFromInline let scratchOwner: ScratchOwner
    @usableFromInline let scratch: UnsafeMutableBufferPointer<Double>

    /// A model evaluating `network` (`2n` inputs, one output) with `parameters`.
    public init(network: MLP, parameters: [Double]) throws(NeuralError) {
        guard network.outputWidth == 1, network.inputWidth % 2 == 0 else {
            throw .invalidWidths(network.widths)
        }
        guard parameters.count == network.parameterCount else {
            throw .countMismatch(expected: network.parameterCount, actual: parameters.count, what: "parameters")
        }
        self.init(validated: network, parameters: parameters)
    }

    init(validated network: MLP, parameters: [Double]) {
        self.network = network
        self.parameters = parameters
        degreesOfFreedom = network.inputWidth / 2
        workspace = network.makeWorkspace()
        scratchOwner = ScratchOwner(count: 2 * network.inputWidth + 2)
        scratch = scratchOwner.buffer
        scratch[network.inputWidth] = 1
    }

    /// A fresh model with hidden layers `hiddenWidths` and `activation` (smooth: `∇H` and its
    /// derivatives must exist), Glorot-uniform weights drawn with `seed`.
    public init(
        degreesOfFreedom n: Int, hiddenWidths: [Int] = [32, 32], activation: Activation = .tanh, seed: UInt64 = 0
    ) throws(NeuralError) {
        let network = try MLP(widths: [2 * n] + hiddenWidths + [1], activation: activation)
        var stream = RandomStream(seed: seed)
        try self.init(network: network, parameters: network.initialParameters(stream: &stream))
    }

    /// An independent copy with its own workspace.
    public func copy() -> HamiltonianNeuralNetwork {
        HamiltonianNeuralNetwork(validated: network, parameters: parameters)
    }

    @inlinable
    func load(_ q: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>) -> UnsafeBufferPointer<Double> {
        let n = degreesOfFreedom
        for i in 0..<n {
            scratch[i] = q[i]
            scratch[n + i] = p[i]
        }
        return UnsafeBufferPointer(rebasing: scratch[0..<(2 * n)])
    }

    @inlinable
    public func gradient(
        _ q: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>,
        _ dHdq: UnsafeMutableBufferPointer<Double>, _ dHdp: UnsafeMutableBufferPointer<Double>
    ) {
        let n = degreesOfFreedom
        let input = load(q, p)
        let seed = UnsafeBufferPointer(rebasing: scratch[(2 * n)..<(2 * n + 1)])
        let gradient = UnsafeMutableBufferPointer(rebasing: scratch[(2 * n + 1)..<(4 * n + 1)])
        parameters.withUnsafeBufferPointer { theta in
            network.valueAndVJP(
                input, parameters: theta, outputCotangent: seed, inputCotangent: gradient, accumulatingInto: nil,
                workspace: workspace)
        }
        for i in 0..<n {
            dHdq[i] = gradient[i]
            dHdp[i] = gradient[n + i]
        }
    }

    public func energy(_ q: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>) -> Double {
        let n = degreesOfFreedom
        let input = load(q, p)
        let output = UnsafeMutableBufferPointer(rebasing: scratch[(4 * n + 1)..<(4 * n + 2)])
        parameters.withUnsafeBufferPointer { theta in
            network.forward(input, parameters: theta, into: output, workspace: workspace)
        }
        return output[0]
    }
}
