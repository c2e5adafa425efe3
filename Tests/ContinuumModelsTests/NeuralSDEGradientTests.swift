import ContinuumModels
import ContinuumNumerics
import ContinuumSDE
import ContinuumSensitivity
import Testing

/// The reversible Heun adjoint through both networks of a neural SDE is the exact gradient of the
/// discrete solve, and the diffusion stays positive.
@Suite("Neural SDE gradient")
struct NeuralSDEGradientTests {
    @Test("gradient through drift and diffusion networks matches central differences to 1e-7")
    func finiteDifferences() throws {
        let model = try NeuralSDE(dimension: 2, hidden: 5, seed: 9, outputScale: 1)
        let times = [0.5, 1.0], options = SDEGradientOptions(stepSize: 0.05)
        let loss = MomentMatchingLoss(mean: [0.2, -0.1, 0.3, 0.0], standardDeviation: [0.3, 0.3, 0.5, 0.4])
        let paths = (0..<4).map {
            VirtualBrownianTree(key: RandomKey(seed: 77).split(UInt64($0)), dimension: 2, from: 0, to: 1, tolerance: 0.01)
        }
        func value(_ parameters: [Double]) throws -> Double {
            var perturbed = model
            perturbed.parameters = parameters
            return try sdeGradient(
                ofEnsemble: loss, at: times, for: perturbed.problem(y0: [0.1, 0.2], from: 0, to: 1), paths: paths,
                options: options
            ).loss
        }
        let result = try sdeGradient(
            ofEnsemble: loss, at: times, for: model.problem(y0: [0.1, 0.2], from: 0, to: 1), paths: paths, options: options)
        var worst = 0.0
        let scale = result.parameterGradient.map(abs).max()!
        for j in model.parameters.indices {
            var plus = model.parameters, minus = model.parameters
            plus[j] += 1e-5
            minus[j] -= 1e-5
            let difference = (try value(plus) - value(minus)) / 2e-5
            worst = max(worst, abs(difference - result.parameterGradient[j]) / scale)
        }
        #expect(worst < 1e-7, "relative difference \(worst)")
        let (_, g) = model.fields(at: [-3, 4])
        #expect(g.allSatisfy { $0 > 0 })
    }

    @Test("training with no loss times or one path is a typed error")
    func errors() throws {
        var model = try NeuralSDE(dimension: 1, hidden: 4)
        let loss = MomentMatchingLoss(mean: [0], standardDeviation: [1])
        #expect(throws: SensitivityError.self) { try model.fit(to: loss, y0: [0], at: []) }
        var options = NeuralSDETrainingOptions()
        options.pathsPerIteration = 1
        #expect(throws: SDEError.self) { try model.fit(to: loss, y0: [0], at: [1], options: options) }
    }
}
