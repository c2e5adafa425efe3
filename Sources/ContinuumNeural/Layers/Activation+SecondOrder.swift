import Foundation

extension Activation {
    /// `σ″(z)`, given `z` and `a = σ(z)`:
    /// tanh `−2a(1 − a²)`, sigmoid `a(1 − a)(1 − 2a)`, softplus `s(1 − s)` with `s = sigmoid(z)`,
    /// GELU `φ(z)(2 − z²)`, swish `s(1 − s)(2 + z(1 − 2s))`, identity and ReLU 0 (almost everywhere).
    @inlinable
    public func secondDerivative(_ z: Double, value a: Double) -> Double {
        switch self {
        case .identity, .relu: return 0
        case .tanh: return -2 * a * (1 - a * a)
        case .sigmoid: return a * (1 - a) * (1 - 2 * a)
        case .softplus:
            let s = Self.sigmoid(z)
            return s * (1 - s)
        case .gelu: return 0.3989422804014327 * exp(-0.5 * z * z) * (2 - z * z)
        case .swish:
            let s = Self.sigmoid(z)
            return s * (1 - s) * (2 + z * (1 - 2 * s))
        }
    }

    /// One step of a tangent-of-cotangent pass through the activation, in place: with the
    /// cotangent `g` of `a` and its tangent `ġ`, and the tangent `ż` of `z`, writes
    /// `δ = g σ′(z)` over `g` and `δ̇ = ġ σ′(z) + g σ″(z) ż` over `ġ`.
    @inlinable
    public func propagateSecondOrder(
        cotangent g: UnsafeMutablePointer<Double>, cotangentTangent gDot: UnsafeMutablePointer<Double>,
        preactivation z: UnsafePointer<Double>, value a: UnsafePointer<Double>,
        preactivationTangent zDot: UnsafePointer<Double>,
        count: Int
    ) {
        switch self {
        case .identity:
            return
        case .tanh:
            for i in 0..<count {
                let d1 = 1 - a[i] * a[i]
                gDot[i] = gDot[i] * d1 + g[i] * (-2 * a[i] * d1) * zDot[i]
                g[i] *= d1
            }
        default:
            for i in 0..<count {
                let d1 = derivative(z[i], value: a[i])
                let d2 = secondDerivative(z[i], value: a[i])
                gDot[i] = gDot[i] * d1 + g[i] * d2 * zDot[i]
                g[i] *= d1
            }
        }
    }
}
