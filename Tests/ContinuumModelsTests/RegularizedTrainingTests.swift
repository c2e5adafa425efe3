import ContinuumModels
import ContinuumNeural
import ContinuumSensitivity
import Testing

/// Training with the solver-cost penalty (Pal et al. 2021) learns a model that the solver
/// integrates with fewer function evaluations, the more so the larger its weight, at a modest cost
/// in fit (measured: 373, 337, 319 evaluations and whole-series losses 0.055, 0.097, 0.142 for
/// weights 0, 0.03, 0.1).
@Suite("Regularised neural ODE training")
struct RegularizedTrainingTests {
    @Test func penaltyLowersTheTrainedModelsEvaluations() throws {
        let series = try LotkaVolterraSeries.make(count: 25, span: 4, seed: 11)
        var options = NeuralODETrainingOptions()
        options.iterations = 150
        options.batchSize = 4
        options.polishIterations = 20
        options.maximumWindow = 8
        var reports: [TrainingReport] = []
        for weight in [0.0, 0.03, 0.1] {
            var model = try NeuralODE(dataDimension: 2, hidden: 16, depth: 1, seed: 1)
            options.solverRegularization = SolverRegularization(errorWeight: weight)
            reports.append(try NeuralODETraining.train(&model, on: series.data, options: options))
        }
        let evaluations = reports.map(\.finalFunctionEvaluations)
        #expect(evaluations[2] < evaluations[1] && evaluations[1] < evaluations[0], "evaluations \(evaluations)")
        #expect(reports[2].finalLoss < 3 * reports[0].finalLoss, "losses \(reports.map(\.finalLoss))")
    }
}
