import Foundation

/// Adam and AdamW as in PyTorch's `torch.optim.Adam`/`AdamW` (defaults `η = 1e-3`,
/// `β = (0.9, 0.999)`, `ε = 1e-8`):
///
/// ```
/// θ ← θ (1 − η λ)                                 (AdamW: decoupled decay)
/// g ← ∇ + λ θ                                     (Adam: L2 penalty)
/// m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²
/// θ ← θ − (η / (1 − β₁ᵗ)) m / (√v / √(1 − β₂ᵗ) + ε)
/// ```
///
/// On the first step `m̂ = g` and `v̂ = g²`, so every coordinate moves by `η · sign(g)` (up to `ε`).
public struct Adam: Optimizer, Sendable {
    public var learningRate: Double
    public let beta1: Double
    public let beta2: Double
    public let epsilon: Double
    /// Weight decay `λ`: an L2 penalty (Adam) or a decoupled shrink (AdamW).
    public let weightDecay: Double
    /// Whether the decay is decoupled from the gradient (AdamW).
    public let decoupledWeightDecay: Bool
    public private(set) var stepCount = 0
    @usableFromInline var firstMoment: [Double]
    @usableFromInline var secondMoment: [Double]

    public init(
        parameterCount: Int, learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
        epsilon: Double = 1e-8, weightDecay: Double = 0, decoupledWeightDecay: Bool = false
    ) throws(NeuralError) {
        try HyperparameterCheck.common(
            learningRate: learningRate, epsilon: epsilon, weightDecay: weightDecay,
            fractions: [("beta1", beta1), ("beta2", beta2)])
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        firstMoment = [Double](repeating: 0, count: parameterCount)
        secondMoment = [Double](repeating: 0, count: parameterCount)
    }

    /// AdamW with PyTorch's default decay `λ = 0.01`.
    public static func adamW(
        parameterCount: Int, learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
        epsilon: Double = 1e-8, weightDecay: Double = 0.01
    ) throws(NeuralError) -> Adam {
        try Adam(
            parameterCount: parameterCount, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
            weightDecay: weightDecay, decoupledWeightDecay: true)
    }

    public mutating func step(_ parameters: UnsafeMutableBufferPointer<Double>, gradient: UnsafeBufferPointer<Double>) {
        precondition(
            parameters.count == gradient.count && parameters.count == firstMoment.count,
            "the optimiser was made for \(firstMoment.count) parameters")
        stepCount += 1
        let t = Double(stepCount)
        let eta = learningRate
        let b1 = beta1
        let b2 = beta2
        let eps = epsilon
        let stepSize = eta / (1 - pow(b1, t))
        let rootCorrection = (1 - pow(b2, t)).squareRoot()
        let shrink = decoupledWeightDecay ? 1 - eta * weightDecay : 1
        let lambda = decoupledWeightDecay ? 0 : weightDecay
        firstMoment.withUnsafeMutableBufferPointer { m in
            secondMoment.withUnsafeMutableBufferPointer { v in
                for k in parameters.indices {
                    let theta = parameters[k] * shrink
                    let g = gradient[k] + lambda * parameters[k]
                    m[k] = b1 * m[k] + (1 - b1) * g
                    v[k] = b2 * v[k] + (1 - b2) * g * g
                    parameters[k] = theta - stepSize * m[k] / (v[k].squareRoot() / rootCorrection + eps)
                }
            }
        }
    }

    public mutating func reset() {
        stepCount = 0
        for k in firstMoment.indices {
            firstMoment[k] = 0
            secondMoment[k] = 0
        }
    }
}
