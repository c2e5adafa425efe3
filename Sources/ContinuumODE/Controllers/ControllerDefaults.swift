import Foundation

/// Step-size controller parameters recommended for a method.
public struct ControllerDefaults: Sendable {
    /// PI coefficient on the previous error (Hairer's β; 0 gives an integral controller).
    public let beta: Double
    /// Smallest step-size factor per step.
    public let minFactor: Double
    /// Largest step-size factor per step.
    public let maxFactor: Double
    /// Safety factor.
    public let safety: Double

    /// Creates controller defaults.
    public init(beta: Double, minFactor: Double, maxFactor: Double, safety: Double) {
        self.beta = beta
        self.minFactor = minFactor
        self.maxFactor = maxFactor
        self.safety = safety
    }

    /// The squared error norm `‖e‖²` after which the PI controller with these defaults, for a
    /// method of controller order `order`, proposes the rejection factor `factor`: how an implicit
    /// method asks the driver for a particular smaller step (above 1 whenever `factor < safety`).
    public func squaredNormRequesting(factor: Double, order: Int) -> Double {
        let exponent = 1 / Double(order) - 0.75 * beta
        return pow(safety / factor, 2 / exponent)
    }

    /// DOPRI5's defaults: β = 0.04, factor in [0.2, 10], safety 0.9.
    public static let standard = ControllerDefaults(beta: 0.04, minFactor: 0.2, maxFactor: 10, safety: 0.9)
    /// DOP853's defaults: β = 0, factor in [1/3, 6], safety 0.9.
    public static let dop853 = ControllerDefaults(beta: 0, minFactor: 1.0 / 3, maxFactor: 6, safety: 0.9)
}
