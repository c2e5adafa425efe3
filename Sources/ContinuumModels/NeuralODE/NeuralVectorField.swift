import ContinuumNeural
import ContinuumODE

/// `dy/dt = MLP(y)` (or `MLP(y, t)`): a multilayer perceptron as a ``DifferentiableVectorField``
/// whose parameters are the network's weights.
///
/// Evaluation and vector-Jacobian products run in the field's own ``MLPWorkspace`` and allocate
/// nothing. The workspace is not thread-safe: give each thread its own field (``copy()``).
public struct NeuralVectorField: DifferentiableVectorField {
    /// The network: input `dimension` (+1 with time), output `dimension`.
    public let network: MLP
    /// The network's parameters.
    public var parameters: [Double]
    /// Whether `t` is the network's last input.
    public let usesTime: Bool
    @usableFromInline let workspace: MLPWorkspace
    /// Input `(y, t)` and the cotangent of the input.
    @usableFromInline let scratch: UnsafeMutableBufferPointer<Double>
    @usableFromInline let scratchOwner: ScratchOwner

    /// A field evaluating `network` with `parameters`.
    public init(network: MLP, parameters: [Double], usesTime: Bool) {
        precondition(parameters.count == network.parameterCount, "expected \(network.parameterCount) parameters")
        precondition(network.outputWidth + (usesTime ? 1 : 0) == network.inputWidth, "the network must map y (and t) to y'")
        self.network = network
        self.parameters = parameters
        self.usesTime = usesTime
        workspace = network.makeWorkspace()
        scratchOwner = ScratchOwner(count: 2 * network.inputWidth)
        scratch = scratchOwner.buffer
    }

    /// An independent copy with its own workspace (for another thread).
    public func copy() -> NeuralVectorField {
        NeuralVectorField(network: network, parameters: parameters, usesTime: usesTime)
    }

    public var dimension: Int { network.outputWidth }
    public var parameterCount: Int { network.parameterCount }

    @inlinable
    func input(_ t: Double, _ y: UnsafeBufferPointer<Double>) -> UnsafeBufferPointer<Double> {
        guard usesTime else { return y }
        let n = y.count
        for i in 0..<n { scratch[i] = y[i] }
        scratch[n] = t
        return UnsafeBufferPointer(rebasing: scratch[0..<(n + 1)])
    }

    @inlinable
    public func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        let x = input(t, y)
        parameters.withUnsafeBufferPointer { p in network.forward(x, parameters: p, into: dy, workspace: workspace) }
    }

    @inlinable
    public func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        let x = input(t, y)
        parameterProduct.update(repeating: 0)
        let width = network.inputWidth
        let inputCotangent = usesTime ? UnsafeMutableBufferPointer(rebasing: scratch[width..<(2 * width)]) : stateProduct
        parameters.withUnsafeBufferPointer { p in
            network.valueAndVJP(
                x, parameters: p, outputCotangent: v, inputCotangent: inputCotangent,
                accumulatingInto: parameterProduct, workspace: workspace)
        }
        if usesTime { for i in 0..<stateProduct.count { stateProduct[i] = inputCotangent[i] } }
    }
}

/// Owns a buffer shared by copies of a value type.
public final class ScratchOwner: @unchecked Sendable {
    @usableFromInline let buffer: UnsafeMutableBufferPointer<Double>

    init(count: Int) {
        buffer = .allocate(capacity: max(count, 1))
        buffer.initialize(repeating: 0)
    }

    deinit { buffer.deallocate() }
}
