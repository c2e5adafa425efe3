import ContinuumNeural
import ContinuumNumerics

/// Settings of ``ResNetClassifier/train(_:parameters:inputs:labels:options:)``.
public struct ResNetTrainingOptions: Sendable {
    public var epochs: Int
    public var batchSize: Int
    /// Adam's peak learning rate (cosine decay to a hundredth of it).
    public var learningRate: Double
    /// Seed of the minibatch order and of the stochastic blocks' noise.
    public var seed: UInt64

    public init(epochs: Int = 200, batchSize: Int = 32, learningRate: Double = 1e-2, seed: UInt64 = 0) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.seed = seed
    }
}

/// Classification with a ``ResNet``: minibatch Adam on the softmax cross-entropy, gradients by
/// back-propagation through the blocks, and batched prediction.
public enum ResNetClassifier {
    /// Trains `parameters` in place and returns each epoch's mean loss. Stochastic blocks draw
    /// their noise from `options.seed` during training.
    public static func train(
        _ net: ResNet, parameters: inout [Double], inputs: [Double], labels: [Int], options: ResNetTrainingOptions
    ) throws(ResNetError) -> [Double] {
        guard labels.count > 0, inputs.count == labels.count * net.inputWidth else {
            throw .invalidConfiguration("inputs must be \(labels.count) × \(net.inputWidth) and non-empty")
        }
        guard labels.allSatisfy({ $0 >= 0 && $0 < net.outputWidth }) else {
            throw .invalidConfiguration("labels must lie in 0..<\(net.outputWidth)")
        }
        guard options.epochs >= 0, options.batchSize > 0, options.learningRate > 0 else {
            throw .invalidConfiguration("epochs ≥ 0, batch size > 0 and learning rate > 0 are required")
        }
        let batch = Swift.min(options.batchSize, labels.count)
        var loop: TrainingLoop<Adam>
        do {
            let steps = options.epochs * ((labels.count + batch - 1) / batch)
            loop = TrainingLoop(
                optimizer: try Adam(parameterCount: net.parameterCount, learningRate: options.learningRate),
                sampler: try MinibatchSampler(count: labels.count, batchSize: batch, seed: options.seed),
                schedule: .cosine(
                    peak: options.learningRate, warmupSteps: 0, totalSteps: Swift.max(steps, 1),
                    minimum: options.learningRate / 100))
        } catch {
            throw .layer(error)
        }
        let workspace = net.makeWorkspace(batchCapacity: batch)
        if case .eulerMaruyama = net.scheme { workspace.noise = RandomStream(key: RandomKey(seed: options.seed).split(1)) }
        var x = [Double](repeating: 0, count: batch * net.inputWidth)
        var y = [Int](repeating: 0, count: batch)
        var logits = [Double](repeating: 0, count: batch * net.outputWidth)
        var cotangent = logits
        let d = net.inputWidth
        let losses = loop.run(epochs: options.epochs, parameters: &parameters) { indices, theta, gradient in
            let rows = indices.count
            for (r, index) in indices.enumerated() {
                for i in 0..<d { x[r * d + i] = inputs[index * d + i] }
                y[r] = labels[index]
            }
            let out = rows * net.outputWidth
            return x.withUnsafeBufferPointer { xb in
                logits.withUnsafeMutableBufferPointer { lb in
                    cotangent.withUnsafeMutableBufferPointer { cb in
                        y.withUnsafeBufferPointer { yb in
                            let z = UnsafeMutableBufferPointer(rebasing: lb[0..<out])
                            let v = UnsafeMutableBufferPointer(rebasing: cb[0..<out])
                            net.forward(
                                UnsafeBufferPointer(rebasing: xb[0..<(rows * d)]), parameters: theta, into: z,
                                workspace: workspace)
                            let loss = SoftmaxCrossEntropy.evaluate(
                                logits: UnsafeBufferPointer(z), labels: UnsafeBufferPointer(rebasing: yb[0..<rows]),
                                classes: net.outputWidth, gradient: v)
                            net.backward(UnsafeBufferPointer(v), parameters: theta, accumulatingInto: gradient, workspace: workspace)
                            return loss
                        }
                    }
                }
            }
        }
        return losses
    }

    /// The logits of every row of `inputs`, in batches of `batchSize` (stochastic blocks run
    /// without noise: the mean-field network).
    public static func logits(_ net: ResNet, parameters: [Double], inputs: [Double], batchSize: Int = 256) -> [Double] {
        let rows = inputs.count / net.inputWidth
        var output = [Double](repeating: 0, count: rows * net.outputWidth)
        guard rows > 0 else { return output }
        let workspace = net.makeWorkspace(batchCapacity: Swift.min(batchSize, rows))
        parameters.withUnsafeBufferPointer { p in
            inputs.withUnsafeBufferPointer { x in
                output.withUnsafeMutableBufferPointer { z in
                    var start = 0
                    while start < rows {
                        let end = Swift.min(start + workspace.batchCapacity, rows)
                        net.forward(
                            UnsafeBufferPointer(rebasing: x[(start * net.inputWidth)..<(end * net.inputWidth)]),
                            parameters: p,
                            into: UnsafeMutableBufferPointer(rebasing: z[(start * net.outputWidth)..<(end * net.outputWidth)]),
                            workspace: workspace)
                        start = end
                    }
                }
            }
        }
        return output
    }

    /// The fraction of rows whose largest logit is the label.
    public static func accuracy(_ net: ResNet, parameters: [Double], inputs: [Double], labels: [Int]) -> Double {
        let predicted = SoftmaxCrossEntropy.predictions(
            logits: logits(net, parameters: parameters, inputs: inputs), classes: net.outputWidth)
        let correct = zip(predicted, labels).filter { $0 == $1 }.count
        return Double(correct) / Double(Swift.max(labels.count, 1))
    }
}
