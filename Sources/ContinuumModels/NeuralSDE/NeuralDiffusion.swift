import ContinuumNeural
import ContinuumODE
import ContinuumSDE
import ContinuumSensitivity

/// A diagonal diffusion `gᵢ(y) = MLP(y)ᵢ` (or `MLP(y, t)ᵢ`): a network as a
/// ``DifferentiableDiffusionField``. A network whose output activation is softplus keeps every
/// `gᵢ` positive, as ``NeuralSDE`` builds it.
///
/// It evaluates and differentiates like ``NeuralVectorField`` (the same network maps `y` to `n`
/// outputs); only their reading differs. Not thread-safe: give each thread its own ``copy()``.
public struct NeuralDiffusion: DifferentiableDiffusionField {
    /// The network evaluated as a field (with its workspace).
    public var field: NeuralVectorField

    /// A diffusion evaluating `network` with `parameters`.
    public init(network: MLP, parameters: [Double], usesTime: Bool) {
        field = NeuralVectorField(network: network, parameters: parameters, usesTime: usesTime)
    }

    /// An independent copy with its own workspace.
    public func copy() -> NeuralDiffusion {
        NeuralDiffusion(network: field.network, parameters: field.parameters, usesTime: field.usesTime)
    }

    public var dimension: Int { field.dimension }
    public var parameterCount: Int { field.parameterCount }

    @inlinable
    public func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) {
        field.evaluate(t, y, g)
    }

    @inlinable
    public func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        field.vectorJacobianProduct(t, y, v, stateProduct: stateProduct, parameterProduct: parameterProduct)
    }
}
