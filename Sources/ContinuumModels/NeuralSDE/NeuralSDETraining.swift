import ContinuumNeural
import ContinuumNumerics
import ContinuumSDE
import ContinuumSensitivity

/// How ``NeuralSDE/fit(to:y0:t0:at:options:)`` trains.
public struct NeuralSDETrainingOptions: Sendable {
    /// Adam iterations.
    public var iterations = 300
    /// Model sample paths per iteration (fresh Brownian paths every iteration).
    public var pathsPerIteration = 32
    /// Adam's learning rate.
    public var learningRate = 0.02
    /// Reversible Heun's step; the loss times must be points of the grid it makes.
    public var stepSize = 0.05
    /// Seed of the model's Brownian paths.
    public var seed: UInt64 = 1

    public init() {}
}

/// What a training run did.
public struct NeuralSDETrainingReport: Sendable {
    /// The loss at each iteration (before its update).
    public var losses: [Double]
}

extension NeuralSDE {
    /// Trains the drift and diffusion so that the model's marginals from `y0` at `t0` match `loss` (e.g. a
    /// ``MomentMatchingLoss`` estimated from observed sample paths) at `times` after `t0`.
    ///
    /// Each iteration draws `pathsPerIteration` fresh virtual Brownian trees, solves the model with
    /// reversible Heun, and takes the gradient of the batch loss with the exact algebraic adjoint
    /// (``sdeGradient(ofEnsemble:at:for:paths:options:)``), then one Adam step.
    ///
    /// ```swift
    /// var model = try NeuralSDE(dimension: 1, seed: 3)
    /// let target = MomentMatchingLoss(samples: observedPaths)   // paths × times
    /// let report = try model.fit(to: target, y0: [0], at: [0.5, 1, 1.5, 2])
    /// ```
    @discardableResult
    public mutating func fit<L: EnsembleLoss>(
        to loss: L, y0: [Double], t0: Double = 0, at times: [Double],
        options: NeuralSDETrainingOptions = NeuralSDETrainingOptions()
    ) throws -> NeuralSDETrainingReport {
        guard let end = times.last else { throw SensitivityError.invalidTimes("no loss times") }
        guard options.iterations > 0, options.pathsPerIteration > 1 else {
            throw SDEError.invalidOption(name: "iterations/pathsPerIteration", reason: "need at least one iteration and two paths")
        }
        var optimizer = try Adam(parameterCount: parameters.count, learningRate: options.learningRate)
        var losses: [Double] = []
        let key = RandomKey(seed: options.seed), gradientOptions = SDEGradientOptions(stepSize: options.stepSize)
        for iteration in 0..<options.iterations {
            let problem = try problem(y0: y0, from: t0, to: end)
            let iterationKey = key.split(UInt64(iteration))
            let paths = (0..<options.pathsPerIteration).map { p in
                VirtualBrownianTree(
                    key: iterationKey.split(UInt64(p)), dimension: dimension, from: t0, to: end,
                    tolerance: options.stepSize / 4)
            }
            let result = try sdeGradient(ofEnsemble: loss, at: times, for: problem, paths: paths, options: gradientOptions)
            losses.append(result.loss)
            optimizer.step(&parameters, gradient: result.parameterGradient)
        }
        return NeuralSDETrainingReport(losses: losses)
    }
}
