/// A first-order optimiser: updates a flat parameter vector in place from its gradient.
///
/// Conforming types hold their state (moments, momentum buffers) in arrays sized at
/// initialisation, so ``step(_:gradient:)`` allocates nothing. Set ``learningRate`` before each
/// step to follow a ``LearningRateSchedule``.
///
/// ```swift
/// var adam = try Adam(parameterCount: theta.count, learningRate: 1e-3)
/// for step in 0..<1000 {
///     adam.learningRate = schedule.rate(atStep: step)
///     // ... compute gradient ...
///     adam.step(&theta, gradient: gradient)
/// }
/// ```
public protocol Optimizer {
    /// The step size used by the next ``step(_:gradient:)``.
    var learningRate: Double { get set }
    /// Number of steps taken since creation or ``reset()``.
    var stepCount: Int { get }
    /// Updates `parameters` in place given `gradient` (same length as at creation).
    mutating func step(_ parameters: UnsafeMutableBufferPointer<Double>, gradient: UnsafeBufferPointer<Double>)
    /// Clears the state (moments, step count), keeping the hyperparameters.
    mutating func reset()
}

extension Optimizer {
    /// Array form of ``step(_:gradient:)``.
    public mutating func step(_ parameters: inout [Double], gradient: [Double]) {
        parameters.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in step(p, gradient: g) }
        }
    }
}

/// Checks of optimiser hyperparameters shared by the initialisers.
enum HyperparameterCheck {
    static func require(_ condition: Bool, _ name: String, _ value: Double, _ reason: String) throws(NeuralError) {
        if !condition { throw .invalidHyperparameter(name: name, value: value, reason: reason) }
    }

    /// The learning rate finite and non-negative, `ε > 0`, the decay non-negative, and each
    /// named fraction (momenta, averaging constants) in `[0, 1)`.
    static func common(
        learningRate: Double, epsilon: Double, weightDecay: Double, fractions: [(String, Double)]
    ) throws(NeuralError) {
        try require(
            learningRate.isFinite && learningRate >= 0, "learningRate", learningRate, "must be finite and non-negative")
        try require(epsilon > 0, "epsilon", epsilon, "must be positive")
        try require(weightDecay >= 0, "weightDecay", weightDecay, "must be non-negative")
        for (name, value) in fractions { try require(value >= 0 && value < 1, name, value, "must lie in [0, 1)") }
    }
}
