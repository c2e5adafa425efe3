import ContinuumODE

/// The Lotka-Volterra predator-prey model `x' = a x − b x y`, `y' = −c y + d x y` with parameters
/// `θ = (a, b, c, d)` and a hand-written vector-Jacobian product: the problem of the reference
/// gradient (`a = 1.5, b = 1, c = 3, d = 1`, `y₀ = (1, 1)`), of the gradient benchmark, and a
/// template for writing a ``DifferentiableVectorField`` by hand.
public struct LotkaVolterra: DifferentiableVectorField, Sendable {
    /// `(a, b, c, d)`.
    public var parameters: SIMD4<Double>

    /// The model with prey growth `a`, predation `b`, predator death `c` and conversion `d`.
    public init(a: Double = 1.5, b: Double = 1, c: Double = 3, d: Double = 1) {
        parameters = SIMD4(a, b, c, d)
    }

    public var dimension: Int { 2 }
    public var parameterCount: Int { 4 }

    @inlinable
    public func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        let x = y[0], z = y[1]
        dy[0] = parameters[0] * x - parameters[1] * x * z
        dy[1] = -parameters[2] * z + parameters[3] * x * z
    }

    @inlinable
    public func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        let x = y[0], z = y[1], v0 = v[0], v1 = v[1]
        let a = parameters[0], b = parameters[1], c = parameters[2], d = parameters[3]
        stateProduct[0] = v0 * (a - b * z) + v1 * d * z
        stateProduct[1] = -v0 * b * x + v1 * (d * x - c)
        parameterProduct[0] = v0 * x
        parameterProduct[1] = -v0 * x * z
        parameterProduct[2] = -v1 * z
        parameterProduct[3] = v1 * x * z
    }
}
