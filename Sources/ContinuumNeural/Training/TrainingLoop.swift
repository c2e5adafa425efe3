/// Minibatch training: epochs of shuffled batches, each giving a loss and gradient that an
/// optimiser applies after optional clipping, with the learning rate from a schedule.
///
/// ```swift
/// var loop = try TrainingLoop(
///     optimizer: Adam(parameterCount: mlp.parameterCount, learningRate: 1e-2),
///     sampler: MinibatchSampler(count: samples, batchSize: 20, seed: 1),
///     schedule: .cosine(peak: 1e-2, warmupSteps: 50, totalSteps: 2000, minimum: 1e-4),
///     maxGradientNorm: 10)
/// let losses = loop.run(epochs: 100, parameters: &theta) { batch, theta, gradient in
///     // add the batch's gradient to `gradient` (zeroed before each call); return its loss
/// }
/// ```
public struct TrainingLoop<O: Optimizer> {
    /// The optimiser, with its state.
    public var optimizer: O
    /// The minibatch order, with its random stream.
    public var sampler: MinibatchSampler
    /// The learning rate per step; nil keeps the optimiser's own.
    public var schedule: LearningRateSchedule?
    /// Clip the gradient to this Euclidean norm before each step (nil: no clipping).
    public var maxGradientNorm: Double?
    /// Steps taken so far (the schedule's step number).
    public private(set) var step = 0
    /// Steps skipped because the loss or gradient was not finite.
    public private(set) var skippedSteps = 0
    @usableFromInline var gradient: [Double] = []

    public init(
        optimizer: O, sampler: MinibatchSampler, schedule: LearningRateSchedule? = nil, maxGradientNorm: Double? = nil
    ) {
        self.optimizer = optimizer
        self.sampler = sampler
        self.schedule = schedule
        self.maxGradientNorm = maxGradientNorm
    }

    /// Runs `epochs` epochs and returns each epoch's mean loss over its finite batches. `lossAndGradient` receives
    /// the batch's sample indices, the current parameters and a zeroed gradient buffer to fill;
    /// a batch whose loss or gradient is not finite is skipped (counted in ``skippedSteps``).
    public mutating func run(
        epochs: Int, parameters: inout [Double],
        lossAndGradient: (ArraySlice<Int>, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Double
    ) -> [Double] {
        if gradient.count != parameters.count { gradient = [Double](repeating: 0, count: parameters.count) }
        var history: [Double] = []
        history.reserveCapacity(epochs)
        for _ in 0..<epochs {
            sampler.shuffle()
            var total = 0.0
            var counted = 0
            for b in 0..<sampler.batchCount {
                let batch = sampler.batch(b)
                let loss = parameters.withUnsafeMutableBufferPointer { p in
                    gradient.withUnsafeMutableBufferPointer { g in
                        g.update(repeating: 0)
                        let loss = lossAndGradient(batch, UnsafeBufferPointer(p), g)
                        let norm =
                            maxGradientNorm.map { GradientClipping.clipGlobalNorm(g, maxNorm: $0) }
                            ?? g.reduce(0) { $0 + $1 * $1 }
                        guard loss.isFinite, norm.isFinite else { return Double.nan }
                        if let schedule { optimizer.learningRate = schedule.rate(atStep: step) }
                        optimizer.step(p, gradient: UnsafeBufferPointer(g))
                        step += 1
                        return loss
                    }
                }
                if loss.isFinite {
                    total += loss
                    counted += 1
                } else {
                    skippedSteps += 1
                }
            }
            history.append(counted > 0 ? total / Double(counted) : .nan)
        }
        return history
    }
}
