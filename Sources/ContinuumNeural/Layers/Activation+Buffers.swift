extension Activation {
    /// Writes `σ(z[i])` into `a[i]` for `i < count` (`a` may equal `z`). The `switch` is hoisted
    /// out of the loop so each case is a tight, vectorisable loop.
    @inlinable
    public func apply(_ z: UnsafePointer<Double>, to a: UnsafeMutablePointer<Double>, count: Int) {
        switch self {
        case .identity:
            if UnsafePointer(a) != z { a.update(from: z, count: count) }
        case .tanh:
            // Three passes (reduction, polynomial, scaling and quotient): each loop body is short enough for
            // the core to keep several elements in flight, where one fused loop was limited by its
            // ~85-cycle dependency chain.
            for i in 0..<count { a[i] = Self.reduce(z[i]).r }
            for i in 0..<count { a[i] = Self.expm1Reduced(a[i]) }
            for i in 0..<count { a[i] = Self.tanhFromExpm1(Self.scale(expm1OfReduced: a[i], of: z[i]), sign: z[i]) }
        case .relu:
            for i in 0..<count { a[i] = z[i] > 0 ? z[i] : 0 }
        default:
            for i in 0..<count { a[i] = value(z[i]) }
        }
    }

    /// Multiplies `delta[i]` by `σ′(z[i])` in place, given the stored values `a[i] = σ(z[i])`:
    /// the step of a vector-Jacobian product through the activation.
    @inlinable
    public func multiplyByDerivative(
        _ delta: UnsafeMutablePointer<Double>, preactivation z: UnsafePointer<Double>,
        value a: UnsafePointer<Double>, count: Int
    ) {
        switch self {
        case .identity:
            return
        case .tanh:
            for i in 0..<count { delta[i] *= 1 - a[i] * a[i] }
        case .sigmoid:
            for i in 0..<count { delta[i] *= a[i] * (1 - a[i]) }
        case .relu:
            for i in 0..<count { delta[i] = z[i] > 0 ? delta[i] : 0 }
        default:
            for i in 0..<count { delta[i] *= derivative(z[i], value: a[i]) }
        }
    }
}
