import ContinuumNeural
import ContinuumODE

/// A universal differential equation (Rackauckas et al. 2020): `dy/dt = g(t, y) + MLP(y[, t])`, a
/// known part `g` plus a neural correction learned from data.
///
/// The known part acts on the first `known.dimension` components (the observed ones; augmented
/// dimensions, if any, follow and are purely neural). Its own parameters are held fixed: the
/// field's parameters `θ` are the network's, so ``NeuralODETraining`` trains only the correction.
/// The vector-Jacobian product adds the known part's `vᵀ∂g/∂y` to the network's; evaluation and
/// products allocate nothing.
///
/// ```swift
/// let known = try ExpressionVectorField(rhs: "1.5*x, -3*y", variables: ["x", "y"])
/// let field = UniversalVectorField(known: known, neural: model.vectorField)
/// ```
public struct UniversalVectorField<Known: DifferentiableVectorField>: DifferentiableVectorField {
    /// The known part `g`.
    public let known: Known
    /// The learned correction.
    public var neural: NeuralVectorField
    /// `g`'s value or state product (`d`), then its parameter product.
    @usableFromInline let scratch: UnsafeMutableBufferPointer<Double>
    @usableFromInline let scratchOwner: ScratchOwner

    /// `known + neural`; `known` must not have more dimensions than `neural`.
    public init(known: Known, neural: NeuralVectorField) {
        precondition(known.dimension <= neural.dimension, "the known part has more dimensions than the network's state")
        self.known = known
        self.neural = neural
        scratchOwner = ScratchOwner(count: known.dimension + known.parameterCount)
        scratch = scratchOwner.buffer
    }

    public var dimension: Int { neural.dimension }
    public var parameterCount: Int { neural.parameterCount }

    /// The network's parameters (the trained ones).
    public var parameters: [Double] {
        get { neural.parameters }
        set { neural.parameters = newValue }
    }

    @inlinable
    public func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        neural.evaluate(t, y, dy)
        let d = known.dimension
        let value = UnsafeMutableBufferPointer(rebasing: scratch[0..<d])
        known.evaluate(t, UnsafeBufferPointer(rebasing: y[0..<d]), value)
        for i in 0..<d { dy[i] += value[i] }
    }

    @inlinable
    public func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        neural.vectorJacobianProduct(t, y, v, stateProduct: stateProduct, parameterProduct: parameterProduct)
        let d = known.dimension
        let knownState = UnsafeMutableBufferPointer(rebasing: scratch[0..<d])
        known.vectorJacobianProduct(
            t, UnsafeBufferPointer(rebasing: y[0..<d]), UnsafeBufferPointer(rebasing: v[0..<d]),
            stateProduct: knownState, parameterProduct: UnsafeMutableBufferPointer(rebasing: scratch[d...]))
        for i in 0..<d { stateProduct[i] += knownState[i] }
    }
}
