import ContinuumODE
import _Differentiation

/// A ``DifferentiableVectorField`` from a Swift function differentiated by the compiler
/// (`_Differentiation`): write `f(t, y, θ)` once and get its vector-Jacobian products for free.
///
/// ```swift
/// let field = AutoDiffVectorField(dimension: 2, parameters: [1.5, 1, 3, 1]) { t, y, p in
///     [p[0] * y[0] - p[1] * y[0] * y[1], -p[2] * y[1] + p[3] * y[0] * y[1]]
/// }
/// ```
///
/// Convenient, not fast: every evaluation copies the state into an array and the pullback builds
/// its closure context on the heap, so each call allocates. `continuum-bench gradient --field
/// autodiff` measures the cost against a hand-written product; write the product by hand (or use
/// the expression language) on hot paths.
public struct AutoDiffVectorField: DifferentiableVectorField, @unchecked Sendable {
    /// The differentiable right-hand side `f(t, y, θ)`.
    public typealias Function = @differentiable(reverse) (Double, [Double], [Double]) -> [Double]

    public let dimension: Int
    /// The parameters `θ`.
    public var parameters: [Double]
    let function: Function

    /// A field of `dimension` components with parameters `parameters`.
    public init(dimension: Int, parameters: [Double], _ function: @escaping Function) {
        self.dimension = dimension
        self.parameters = parameters
        self.function = function
    }

    public var parameterCount: Int { parameters.count }

    public func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        let value = function(t, Array(y), parameters)
        precondition(value.count == dimension, "the function returned \(value.count) components, expected \(dimension)")
        for i in 0..<dimension { dy[i] = value[i] }
    }

    public func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        let (_, pullback) = valueWithPullback(at: t, Array(y), parameters, of: function)
        let (_, dy, dp) = pullback(Array<Double>.DifferentiableView(Array(v)))
        // Components the function never touched come back empty: treat them as zero.
        for i in 0..<dimension { stateProduct[i] = i < dy.base.count ? dy.base[i] : 0 }
        for k in 0..<parameterProduct.count { parameterProduct[k] = k < dp.base.count ? dp.base[k] : 0 }
    }
}
