import ContinuumNeural

/// Settings of ``HamiltonianTraining/train(_:on:options:)``.
public struct HamiltonianTrainingOptions: Sendable {
    /// Adam steps on the full batch before the polish.
    public var adamIterations: Int
    /// Adam's learning rate.
    public var learningRate: Double
    /// L-BFGS iterations of the polish.
    public var polishIterations: Int

    public init(adamIterations: Int = 300, learningRate: Double = 1e-2, polishIterations: Int = 500) {
        self.adamIterations = adamIterations
        self.learningRate = learningRate
        self.polishIterations = polishIterations
    }
}

/// Fits a ``HamiltonianNeuralNetwork`` by derivative matching (``HamiltonianDerivativeMatching``):
/// full-batch Adam to leave the initial guess, then L-BFGS, which converges fast on this smooth,
/// small problem.
public enum HamiltonianTraining {
    /// What a training run reached.
    public struct Report: Sendable {
        /// The loss before training.
        public var initialLoss: Double
        /// The loss after training.
        public var finalLoss: Double
        /// The polish's outcome.
        public var polishStatus: LBFGS.Status?
    }

    /// Trains `model` on `samples` in place; throws when the samples have another number of
    /// degrees of freedom than the model.
    @discardableResult
    public static func train(
        _ model: inout HamiltonianNeuralNetwork, on samples: HamiltonianSamples,
        options: HamiltonianTrainingOptions = HamiltonianTrainingOptions()
    ) throws(NeuralError) -> Report {
        let loss = try HamiltonianDerivativeMatching(network: model.network, samples: samples)
        var parameters = model.parameters
        var gradient = [Double](repeating: 0, count: parameters.count)
        func evaluate() -> Double {
            parameters.withUnsafeBufferPointer { x in gradient.withUnsafeMutableBufferPointer { loss.evaluate(x, gradient: $0) } }
        }
        let initialLoss = evaluate()
        var adam = try Adam(parameterCount: parameters.count, learningRate: options.learningRate)
        for _ in 0..<options.adamIterations {
            adam.step(&parameters, gradient: gradient)
            _ = evaluate()
        }
        var status: LBFGS.Status?
        if options.polishIterations > 0 {
            let result = LBFGS(maxIterations: options.polishIterations).minimize(&parameters) { x, g in
                loss.evaluate(x, gradient: g)
            }
            status = result.status
        }
        model.parameters = parameters
        return Report(initialLoss: initialLoss, finalLoss: evaluate(), polishStatus: status)
    }
}
