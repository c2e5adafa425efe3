/// A Hamiltonian `H(q, p)` given as the first component of a ``DifferentiableVectorField`` on
/// `y = (q, p)` (dimension `2n`; the other components are ignored), with `∇H` from the field's
/// vector-Jacobian product with the first unit vector — exact when the field differentiates
/// symbolically, as the expression language does.
///
/// ```swift
/// // continuum's text Hamiltonians: "H, 0" over the variables q, p.
/// let text = try ExpressionVectorField(rhs: "p^2/2 - cos(q), 0", variables: ["q", "p"])
/// let pendulum = ScalarFieldHamiltonian(text)
/// ```
///
/// The value owns scratch buffers, so it evaluates without allocating but must not be shared
/// between threads while in use.
public final class ScalarFieldHamiltonian<Field: DifferentiableVectorField>: HamiltonianSystem, PartitionedVectorField {
    public let field: Field
    public let degreesOfFreedom: Int
    @usableFromInline let state: UnsafeMutableBufferPointer<Double>
    @usableFromInline let seed: UnsafeMutableBufferPointer<Double>
    @usableFromInline let product: UnsafeMutableBufferPointer<Double>
    @usableFromInline let parameterProduct: UnsafeMutableBufferPointer<Double>

    /// Wraps `field`, whose dimension must be even (`2n`).
    public init(_ field: Field) {
        precondition(field.dimension % 2 == 0 && field.dimension > 0, "the field must have dimension 2n")
        self.field = field
        degreesOfFreedom = field.dimension / 2
        state = .allocate(capacity: field.dimension)
        seed = .allocate(capacity: field.dimension)
        product = .allocate(capacity: field.dimension)
        parameterProduct = .allocate(capacity: max(field.parameterCount, 1))
        state.initialize(repeating: 0)
        seed.initialize(repeating: 0)
        seed[0] = 1
        product.initialize(repeating: 0)
        parameterProduct.initialize(repeating: 0)
    }

    deinit {
        state.deallocate()
        seed.deallocate()
        product.deallocate()
        parameterProduct.deallocate()
    }

    @inlinable
    func load(q: UnsafeBufferPointer<Double>?, p: UnsafeBufferPointer<Double>?) {
        let n = degreesOfFreedom
        if let q { for i in 0..<n { state[i] = q[i] } }
        if let p { for i in 0..<n { state[n + i] = p[i] } }
    }

    /// `∇H` at the loaded state into ``product``.
    @inlinable
    func differentiate() {
        field.vectorJacobianProduct(
            0, UnsafeBufferPointer(state), UnsafeBufferPointer(seed), stateProduct: product,
            parameterProduct: parameterProduct)
    }

    @inlinable
    public func gradient(
        _ q: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>,
        _ dHdq: UnsafeMutableBufferPointer<Double>, _ dHdp: UnsafeMutableBufferPointer<Double>
    ) {
        let n = degreesOfFreedom
        load(q: q, p: p)
        differentiate()
        for i in 0..<n {
            dHdq[i] = product[i]
            dHdp[i] = product[n + i]
        }
    }

    public func energy(_ q: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>) -> Double {
        load(q: q, p: p)
        field.evaluate(0, UnsafeBufferPointer(state), product)
        return product[0]
    }

    /// `∂H/∂p` at the last loaded `q`: meaningful as a drift only when `H` is separable.
    @inlinable
    public func velocity(_ p: UnsafeBufferPointer<Double>, _ dq: UnsafeMutableBufferPointer<Double>) {
        let n = degreesOfFreedom
        load(q: nil, p: p)
        differentiate()
        for i in 0..<n { dq[i] = product[n + i] }
    }

    /// `−∂H/∂q` at the last loaded `p`: meaningful as a kick only when `H` is separable.
    @inlinable
    public func force(_ t: Double, _ q: UnsafeBufferPointer<Double>, _ dp: UnsafeMutableBufferPointer<Double>) {
        let n = degreesOfFreedom
        load(q: q, p: nil)
        differentiate()
        for i in 0..<n { dp[i] = -product[i] }
    }
}
