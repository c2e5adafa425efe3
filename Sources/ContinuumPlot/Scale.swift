import Foundation

/// How data values map to positions along an axis.
public enum Scale: Sendable, Hashable {
    /// Equal differences take equal space.
    case linear
    /// Equal ratios take equal space (base 10). Only positive values can be shown.
    case logarithmic

    /// The coordinate in which positions along the axis are linear: `v` itself or `log10(v)`.
    func transform(_ value: Double) -> Double {
        switch self {
        case .linear: return value
        case .logarithmic: return log10(value)
        }
    }
}
