/// Stochastic gradient descent with optional heavy-ball or Nesterov momentum and L2 weight decay,
/// following PyTorch's `torch.optim.SGD` (no dampening):
///
/// ```
/// g ← ∇ + λ θ
/// b ← g (first step),  b ← μ b + g (later steps)
/// θ ← θ − η (g + μ b)   (Nesterov)   or   θ ← θ − η b   (heavy ball; plain SGD when μ = 0)
/// ```
public struct SGD: Optimizer, Sendable {
    public var learningRate: Double
    /// Momentum `μ` (0 for plain gradient descent).
    public let momentum: Double
    /// Whether the update looks ahead along the momentum (Nesterov) instead of using it directly.
    public let nesterov: Bool
    /// L2 penalty `λ` added to the gradient.
    public let weightDecay: Double
    public private(set) var stepCount = 0
    @usableFromInline var buffer: [Double]

    /// An optimiser for `parameterCount` parameters.
    public init(
        parameterCount: Int, learningRate: Double, momentum: Double = 0, nesterov: Bool = false, weightDecay: Double = 0
    ) throws(NeuralError) {
        try HyperparameterCheck.common(
            learningRate: learningRate, epsilon: 1, weightDecay: weightDecay, fractions: [("momentum", momentum)])
        try HyperparameterCheck.require(
            !nesterov || momentum > 0, "momentum", momentum, "Nesterov momentum needs μ > 0")
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        buffer = [Double](repeating: 0, count: momentum > 0 ? parameterCount : 0)
    }

    public mutating func step(_ parameters: UnsafeMutableBufferPointer<Double>, gradient: UnsafeBufferPointer<Double>) {
        precondition(parameters.count == gradient.count, "parameters and gradient lengths differ")
        let eta = learningRate
        let mu = momentum
        let lambda = weightDecay
        let first = stepCount == 0
        let nesterov = nesterov
        stepCount += 1
        if mu == 0 {
            for k in parameters.indices { parameters[k] -= eta * (gradient[k] + lambda * parameters[k]) }
            return
        }
        precondition(buffer.count == parameters.count, "the optimiser was made for \(buffer.count) parameters")
        buffer.withUnsafeMutableBufferPointer { b in
            for k in parameters.indices {
                let g = gradient[k] + lambda * parameters[k]
                b[k] = first ? g : mu * b[k] + g
                parameters[k] -= eta * (nesterov ? g + mu * b[k] : b[k])
            }
        }
    }

    public mutating func reset() {
        stepCount = 0
        for k in buffer.indices { buffer[k] = 0 }
    }
}
