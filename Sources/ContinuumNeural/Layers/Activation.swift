import Foundation

/// A pointwise nonlinearity `σ` applied after an affine map, with its derivative for
/// vector-Jacobian products.
///
/// Layers apply activations to whole buffers (``apply(_:to:count:)``), so the `switch` runs once
/// per layer and row, never per element.
///
/// | case | `σ(z)` | `σ′(z)` |
/// |---|---|---|
/// | `identity` | `z` | `1` |
/// | `tanh` | `tanh z` | `1 − σ²` |
/// | `sigmoid` | `1 / (1 + e^{−z})` | `σ (1 − σ)` |
/// | `softplus` | `log(1 + e^z)` | `sigmoid(z)` |
/// | `relu` | `max(z, 0)` | `1` if `z > 0`, else `0` |
/// | `gelu` | `z Φ(z)`, `Φ` the exact normal CDF via `erf` | `Φ(z) + z φ(z)` |
/// | `swish` (SiLU) | `z · sigmoid(z)` | `s + z s (1 − s)`, `s = sigmoid(z)` |
public enum Activation: String, Sendable, Hashable, CaseIterable, Codable {
    case identity, tanh, sigmoid, softplus, relu, gelu, swish

    /// `σ(z)`.
    @inlinable
    public func value(_ z: Double) -> Double {
        switch self {
        case .identity: return z
        case .tanh: return Self.fastTanh(z)
        case .sigmoid: return Self.sigmoid(z)
        case .softplus: return Self.softplus(z)
        case .relu: return z > 0 ? z : 0
        case .gelu: return 0.5 * z * (1 + erf(z * 0.7071067811865476))
        case .swish: return z * Self.sigmoid(z)
        }
    }

    /// `σ′(z)`, given `z` and the value `a = σ(z)` (some derivatives are cheapest from `a`).
    @inlinable
    public func derivative(_ z: Double, value a: Double) -> Double {
        switch self {
        case .identity: return 1
        case .tanh: return 1 - a * a
        case .sigmoid: return a * (1 - a)
        case .softplus: return Self.sigmoid(z)
        case .relu: return z > 0 ? 1 : 0
        case .gelu:
            let cdf = 0.5 * (1 + erf(z * 0.7071067811865476))
            return cdf + z * 0.3989422804014327 * exp(-0.5 * z * z)
        case .swish:
            let s = Self.sigmoid(z)
            return s + z * s * (1 - s)
        }
    }

    /// `σ′(z)` alone.
    @inlinable
    public func derivative(_ z: Double) -> Double { derivative(z, value: value(z)) }

    /// Whether `σ` is the identity, so a layer may skip it.
    @inlinable
    public var isIdentity: Bool { self == .identity }

    /// `1 / (1 + e^{−z})`, written so that neither branch overflows.
    @inlinable
    static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }

    /// `log(1 + e^z) = max(z, 0) + log1p(e^{−|z|})`, stable for large `|z|`.
    @inlinable
    static func softplus(_ z: Double) -> Double { Swift.max(z, 0) + log1p(exp(-z.magnitude)) }
}
