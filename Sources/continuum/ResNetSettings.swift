import Continuum
import Foundation

/// The options of `continuum resnet` shared by its two modes, checked.
struct ResNetSettings {
    let depth: Int
    let horizon: Double
    let width: Int
    let hidden: Int
    let noise: Double
    let epochs: Int
    let epochsGiven: Bool
    let batch: Int
    let learningRate: Double
    let trainPerClass: Int
    let testPerClass: Int
    let seed: UInt64

    init(_ arguments: ParsedArguments) throws(UsageError) {
        func integer(_ name: String, _ fallback: Int, minimum: Int = 1) throws(UsageError) -> Int {
            guard let text = arguments[name] else { return fallback }
            guard let value = Int(text), value >= minimum else {
                throw UsageError("--\(name): '\(text)' is not an integer ≥ \(minimum)")
            }
            return value
        }
        depth = try integer("depth", 16)
        width = try integer("width", 4)
        hidden = try integer("hidden", 16)
        epochs = try integer("epochs", 300, minimum: 0)
        epochsGiven = arguments["epochs"] != nil
        batch = try integer("batch", 32)
        trainPerClass = try integer("train", 250)
        testPerClass = try integer("test", 250)
        seed = UInt64(try integer("seed", 1, minimum: 0))
        horizon = try arguments.number("horizon") ?? 2
        noise = try arguments.number("noise") ?? 0.1
        learningRate = try arguments.number("lr") ?? 1e-2
        guard horizon > 0 else { throw UsageError("--horizon must be positive, got \(horizon)") }
        guard noise >= 0 else { throw UsageError("--noise must be non-negative, got \(noise)") }
        guard learningRate > 0 else { throw UsageError("--lr must be positive, got \(learningRate)") }
    }

    /// A two-spirals classifier with these settings.
    func network(scheme: ResidualScheme, depth: Int, schedule: WeightSchedule, lifting: ResNet.Lifting = .dense)
        throws(UsageError) -> ResNet
    {
        do {
            return try ResNet(
                inputWidth: 2, width: width, outputWidth: 2, depth: depth, horizon: horizon, scheme: scheme,
                schedule: schedule, lifting: lifting, hidden: [hidden])
        } catch {
            throw UsageError(error.description)
        }
    }

    /// Trains `theta` on `data`; returns the epoch losses.
    func train(_ net: ResNet, _ theta: inout [Double], _ data: TwoSpirals, epochs: Int? = nil) throws(UsageError) -> [Double] {
        do {
            return try ResNetClassifier.train(
                net, parameters: &theta, inputs: data.inputs, labels: data.labels,
                options: ResNetTrainingOptions(
                    epochs: epochs ?? self.epochs, batchSize: batch, learningRate: learningRate, seed: seed))
        } catch {
            throw UsageError(error.description)
        }
    }
}
