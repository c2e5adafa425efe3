import Foundation

/// RMSprop as in PyTorch's `torch.optim.RMSprop` (defaults `η = 0.01`, `α = 0.99`, `ε = 1e-8`):
///
/// ```
/// g ← ∇ + λ θ
/// v ← α v + (1 − α) g²
/// ḡ ← α ḡ + (1 − α) g,   d ← √(v − ḡ²) + ε      (centred)   or   d ← √v + ε
/// b ← μ b + g / d,  θ ← θ − η b                  (momentum μ > 0)  or   θ ← θ − η g / d
/// ```
public struct RMSprop: Optimizer, Sendable {
    public var learningRate: Double
    /// Smoothing constant `α` of the squared-gradient average.
    public let alpha: Double
    public let epsilon: Double
    /// Momentum `μ`.
    public let momentum: Double
    /// Whether to divide by the estimated standard deviation (subtracting the squared mean).
    public let centered: Bool
    /// L2 penalty `λ`.
    public let weightDecay: Double
    public private(set) var stepCount = 0
    @usableFromInline var squareAverage: [Double]
    @usableFromInline var gradientAverage: [Double]
    @usableFromInline var momentumBuffer: [Double]

    public init(
        parameterCount: Int, learningRate: Double = 0.01, alpha: Double = 0.99, epsilon: Double = 1e-8,
        momentum: Double = 0, centered: Bool = false, weightDecay: Double = 0
    ) throws(NeuralError) {
        try HyperparameterCheck.common(
            learningRate: learningRate, epsilon: epsilon, weightDecay: weightDecay,
            fractions: [("alpha", alpha), ("momentum", momentum)])
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        self.momentum = momentum
        self.centered = centered
        self.weightDecay = weightDecay
        squareAverage = [Double](repeating: 0, count: parameterCount)
        gradientAverage = [Double](repeating: 0, count: centered ? parameterCount : 0)
        momentumBuffer = [Double](repeating: 0, count: momentum > 0 ? parameterCount : 0)
    }

    public mutating func step(_ parameters: UnsafeMutableBufferPointer<Double>, gradient: UnsafeBufferPointer<Double>) {
        precondition(
            parameters.count == gradient.count && parameters.count == squareAverage.count,
            "the optimiser was made for \(squareAverage.count) parameters")
        let eta = learningRate
        let a = alpha
        let eps = epsilon
        let mu = momentum
        let lambda = weightDecay
        let centered = centered
        stepCount += 1
        squareAverage.withUnsafeMutableBufferPointer { v in
            gradientAverage.withUnsafeMutableBufferPointer { gbar in
                momentumBuffer.withUnsafeMutableBufferPointer { b in
                    for k in parameters.indices {
                        let g = gradient[k] + lambda * parameters[k]
                        v[k] = a * v[k] + (1 - a) * g * g
                        var variance = v[k]
                        if centered {
                            gbar[k] = a * gbar[k] + (1 - a) * g
                            variance -= gbar[k] * gbar[k]
                        }
                        let scaled = g / (Swift.max(variance, 0).squareRoot() + eps)
                        if mu > 0 {
                            b[k] = mu * b[k] + scaled
                            parameters[k] -= eta * b[k]
                        } else {
                            parameters[k] -= eta * scaled
                        }
                    }
                }
            }
        }
    }

    public mutating func reset() {
        stepCount = 0
        for k in squareAverage.indices { squareAverage[k] = 0 }
        for k in gradientAverage.indices { gradientAverage[k] = 0 }
        for k in momentumBuffer.indices { momentumBuffer[k] = 0 }
    }
}
