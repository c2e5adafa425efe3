import ContinuumNumerics

/// A multilayer perceptron: `Dense` layers of the given widths, each followed by its activation.
///
/// The network owns no parameters; it reads them from a flat vector laid out by ``layout``
/// (layer by layer: weights then bias, see ``Dense``). Forward passes and vector-Jacobian
/// products take a caller-owned ``MLPWorkspace`` and allocate nothing.
///
/// The spiral model of torchdiffeq's `ode_demo` (`Linear(2, 50) → tanh → Linear(50, 2)`):
///
/// ```swift
/// let mlp = try MLP(widths: [2, 50, 2], activation: .tanh)
/// var stream = RandomStream(seed: 0)
/// let theta = mlp.layout.initializeLikePyTorch(stream: &stream)
/// let workspace = mlp.makeWorkspace(batchCapacity: 20)
/// ```
public struct MLP: Sendable, Hashable {
    /// Widths `[n₀, n₁, …, n_L]`: input, hidden layers, output.
    public let widths: [Int]
    /// The `L` layers.
    public let layers: [Dense]
    /// Where each layer's parameters live in the flat vector.
    public let layout: ParameterLayout
    /// A fingerprint of the architecture, stamped on workspaces so a workspace made for another
    /// network is caught by a precondition instead of overrunning its buffers.
    @usableFromInline let signature: UInt64

    /// A network with `activations[l]` after layer `l` (one per layer, output layer included).
    public init(widths: [Int], activations: [Activation]) throws(NeuralError) {
        guard widths.count >= 2, widths.allSatisfy({ $0 > 0 }) else { throw .invalidWidths(widths) }
        guard activations.count == widths.count - 1 else {
            throw .countMismatch(expected: widths.count - 1, actual: activations.count, what: "activations")
        }
        var layout = ParameterLayout()
        var layers: [Dense] = []
        for l in 0..<(widths.count - 1) {
            layers.append(
                Dense(
                    inputs: widths[l], outputs: widths[l + 1], activation: activations[l], name: "layer\(l)",
                    layout: &layout))
        }
        self.widths = widths
        self.layers = layers
        self.layout = layout
        signature = Self.fingerprint(widths: widths, activations: activations)
    }

    /// A network with `activation` after every hidden layer and `outputActivation` (identity by
    /// default) after the last.
    public init(widths: [Int], activation: Activation, outputActivation: Activation = .identity) throws(NeuralError) {
        try self.init(
            widths: widths,
            activations: Array(repeating: activation, count: Swift.max(widths.count - 2, 0)) + [outputActivation])
    }

    /// Input width `n₀`.
    @inlinable public var inputWidth: Int { widths[0] }
    /// Output width `n_L`.
    @inlinable public var outputWidth: Int { widths[widths.count - 1] }
    /// Number of parameters.
    @inlinable public var parameterCount: Int { layout.count }

    /// A workspace for batches of up to `batchCapacity` samples.
    public func makeWorkspace(batchCapacity: Int = 1) -> MLPWorkspace {
        MLPWorkspace(
            widths: widths, activations: layers.map(\.activation), batchCapacity: batchCapacity, signature: signature)
    }

    /// Initial parameters: weights from `weights`, biases from `biases` (see
    /// ``ParameterLayout/initialize(weights:biases:stream:)``).
    public func initialParameters(
        weights: Initializer = .glorotUniform, biases: Initializer = .zeros, stream: inout RandomStream
    ) -> [Double] {
        layout.initialize(weights: weights, biases: biases, stream: &stream)
    }

    /// FNV-1a over the widths and activation indices (deterministic across runs).
    static func fingerprint(widths: [Int], activations: [Activation]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let values =
            widths.map { UInt64($0) } + activations.map { UInt64(Activation.allCases.firstIndex(of: $0)!) + 1 << 40 }
        for value in values {
            hash = (hash ^ value) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Stops with a clear message when `workspace` was made for another architecture.
    @inlinable
    func checkWorkspace(_ workspace: MLPWorkspace) {
        precondition(workspace.signature == signature, "the workspace was made for a different network")
    }
}
