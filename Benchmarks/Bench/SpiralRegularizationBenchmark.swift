import Continuum
import Foundation

/// `continuum-bench spiral-regularized`: the ``SpiralBenchmark`` training run with the solver-cost
/// penalty of Pal et al. (2021) added to every window's loss, `w_E Σ Eⱼ|hⱼ| + w_S Σ Sⱼ`, and the
/// function evaluations of the trained model's whole-trajectory solve (Dopri5, rtol 1e-7,
/// atol 1e-9) reported next to its error, so runs with and without the penalty compare.
///
///     continuum-bench spiral-regularized [--iterations 300] [--seed 0] [--error-weight 0] [--stiffness-weight 0]
enum SpiralRegularizationBenchmark {
    static func run(_ arguments: [String]) throws -> String? {
        let options = try benchmarkOptions(
            arguments, mode: "spiral-regularized",
            defaults: ["iterations": "300", "seed": "0", "error-weight": "0", "stiffness-weight": "0"])
        let iterations = Int(options["iterations"]!) ?? 300
        var stream = RandomStream(seed: UInt64(options["seed"]!) ?? 0)
        let regularization = SolverRegularization(
            errorWeight: Double(options["error-weight"]!) ?? 0, stiffnessWeight: Double(options["stiffness-weight"]!) ?? 0)

        let times = (0..<1000).map { 25 * Double($0) / 999 }
        var truthOptions = SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12)
        truthOptions.saveAt = times
        let truth = try ODEProblem(y0: [2, 0], from: 0, to: 25) { _, y, dy in
            dy[0] = -0.1 * y[0] * y[0] * y[0] - 2 * y[1] * y[1] * y[1]
            dy[1] = 2 * y[0] * y[0] * y[0] - 0.1 * y[1] * y[1] * y[1]
        }
        let data = try solve(truth, with: .dop853, options: truthOptions).states
        let network = try MLP(widths: [2, 50, 2], activation: .tanh)
        var parameters = network.layout.initializeLikePyTorch(stream: &stream)
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2)
        defer { scratch.deallocate() }
        var field = SpiralBenchmark.CubedInputField(
            network: network, parameters: parameters, workspace: network.makeWorkspace(), scratch: scratch)
        var optimizer = try RMSprop(parameterCount: parameters.count, learningRate: 1e-3)
        let solverOptions = SolverOptions(relativeTolerance: 1e-7, absoluteTolerance: 1e-9)
        let windowTimes = Array(times[1..<10])
        var gradientSum = [Double](repeating: 0, count: parameters.count)
        var seconds: [Double] = []
        for _ in 1...iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            field.parameters = parameters
            for k in gradientSum.indices { gradientSum[k] = 0 }
            for _ in 0..<20 {
                let s = Int(stream.nextUniform() * Double(1000 - 10))
                let loss = SpiralBenchmark.meanAbsoluteError(targets: (1..<10).map { data[s + $0] })
                let problem = try ODEProblem(field, y0: data[s], from: 0, to: times[9])
                let result = try gradient(
                    of: loss, at: windowTimes, for: problem, with: .dopri5, options: solverOptions, sensitivity: .discrete(),
                    regularization: regularization)
                for k in gradientSum.indices { gradientSum[k] += result.result.parameterGradient[k] }
            }
            optimizer.step(&parameters, gradient: gradientSum)
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }
        field.parameters = parameters
        var wholeOptions = solverOptions
        wholeOptions.saveAt = times
        let whole = try solve(try ODEProblem(field, y0: data[0], from: 0, to: 25), with: .dopri5, options: wholeOptions)
        seconds.sort()
        return JSONText.object([
            ("error_weight", JSONText.number(regularization.errorWeight)),
            ("stiffness_weight", JSONText.number(regularization.stiffnessWeight)),
            ("iterations", String(iterations)),
            ("seconds_per_iteration", JSONText.number(seconds[seconds.count / 2])),
            ("trajectory_l1", JSONText.number(try SpiralBenchmark.trajectoryError(field, data: data, times: times))),
            ("function_evaluations", String(whole.statistics.functionEvaluations)),
            ("accepted_steps", String(whole.statistics.acceptedSteps)),
        ])
    }
}

extension SpiralBenchmark {
    /// torchdiffeq's demo loss on one window: the mean absolute error over 20 windows × 10 points ×
    /// 2 components (hence `/ 400` per term), with its sign gradient.
    static func meanAbsoluteError(targets: [[Double]]) -> ClosureTrajectoryLoss {
        ClosureTrajectoryLoss { index, _, y, gradient in
            var total = 0.0
            for j in 0..<2 {
                let r = y[j] - targets[index][j]
                total += abs(r)
                gradient[j] = (r > 0 ? 1 : (r < 0 ? -1 : 0)) / 400
            }
            return total / 400
        }
    }
}
