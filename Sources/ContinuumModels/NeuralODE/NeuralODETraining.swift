import ContinuumNeural
import ContinuumNumerics
import ContinuumODE
import ContinuumSensitivity

/// Fits a ``NeuralODE`` to a trajectory by multiple shooting: every iteration samples windows of
/// consecutive observations, solves the model from the (observed) first point of each window,
/// and takes an Adam step on the mean squared error at the other points, with gradients from an
/// adjoint. Windows lengthen over the iterations (a curriculum); a final L-BFGS polish fits the
/// whole series from its first point. Each window is its own solve: one that fails is reported and
/// skipped, and one that turns stiff is retried with Rodas5P.
public enum NeuralODETraining {
    /// Trains `model` on `data`, calling `progress` after every iteration.
    public static func train(
        _ model: inout NeuralODE, on data: TrajectoryData, options: NeuralODETrainingOptions = NeuralODETrainingOptions(),
        progress: (TrainingProgress) -> Void = { _ in }
    ) throws(NeuralError) -> TrainingReport {
        try train(&model, field: model.vectorField, on: data, options: options, progress: progress)
    }

    /// Trains the network of the universal differential equation `dy/dt = known(t, y) + MLP(y)`
    /// (``UniversalVectorField``) on `data`: only the network's parameters change.
    public static func train<Known: DifferentiableVectorField>(
        _ model: inout NeuralODE, knownPart known: Known, on data: TrajectoryData,
        options: NeuralODETrainingOptions = NeuralODETrainingOptions(), progress: (TrainingProgress) -> Void = { _ in }
    ) throws(NeuralError) -> TrainingReport {
        precondition(known.dimension == model.dataDimension, "the known part must act on the \(model.dataDimension) data dimensions")
        return try train(&model, field: UniversalVectorField(known: known, neural: model.vectorField), on: data, options: options, progress: progress)
    }

    /// The training loop for any field whose parameters are the model's.
    static func train<Field: TrainableVectorField>(
        _ model: inout NeuralODE, field: Field, on data: TrajectoryData, options: NeuralODETrainingOptions,
        progress: (TrainingProgress) -> Void
    ) throws(NeuralError) -> TrainingReport {
        var field = field
        precondition(data.dimension == model.dataDimension, "the data has \(data.dimension) columns, the model \(model.dataDimension)")
        var report = TrainingReport()
        var adam = try Adam(parameterCount: model.parameters.count, learningRate: options.learningRate)
        let schedule = LearningRateSchedule.cosine(
            peak: options.learningRate, warmupSteps: max(options.iterations / 20, 1), totalSteps: options.iterations,
            minimum: options.learningRate / 10)
        var stream = RandomStream(seed: options.seed)
        var gradient = [Double](repeating: 0, count: model.parameters.count)
        let fullLength = data.count
        let longest = min(fullLength, max(options.maximumWindow ?? fullLength, options.initialWindow))
        // The discrete adjoint without a solver penalty solves a batch's windows together.
        var solverOptions = SolverOptions(relativeTolerance: options.relativeTolerance, absoluteTolerance: options.absoluteTolerance)
        solverOptions.maximumSteps = options.maximumSteps
        let batched = options.sensitivity == .discrete() && !options.solverRegularization.isActive
            ? try? BatchedDiscreteAdjoint(field: field, method: .tsit5, options: solverOptions) : nil
        for iteration in 0..<options.iterations {
            let progressFraction = Double(iteration) / max(Double(options.iterations) * options.curriculumFraction, 1)
            let window = min(
                longest, options.initialWindow + Int((Double(longest - options.initialWindow) * progressFraction).rounded()))
            field.parameters = model.parameters
            gradient.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            var total = 0.0, counted = 0
            var starts: [Int] = []
            for _ in 0..<options.batchSize {
                starts.append(Int(stream.nextUniform() * Double(fullLength - window + 1)) % (fullLength - window + 1))
            }
            var pending = starts
            if let batched {
                batched.field.parameters = model.parameters
                pending = batchGradient(
                    batched, model: model, data: data, starts: starts, window: window, gradient: &gradient, total: &total,
                    counted: &counted)
            }
            for start in pending {
                guard let part = windowGradient(field, model: model, data: data, rows: start..<(start + window), options: options, report: &report)
                else { continue }
                total += part.loss
                counted += part.count
                for k in gradient.indices { gradient[k] += part.gradient[k] }
            }
            guard counted > 0 else { continue }
            let scale = 1 / Double(counted)
            for k in gradient.indices { gradient[k] *= scale }
            _ = gradient.withUnsafeMutableBufferPointer { GradientClipping.clipGlobalNorm($0, maxNorm: options.gradientClip) }
            adam.learningRate = schedule.rate(atStep: iteration)
            adam.step(&model.parameters, gradient: gradient)
            let loss = total * scale
            report.losses.append(loss)
            progress(TrainingProgress(iteration: iteration + 1, total: options.iterations, loss: loss, window: window, polishing: false))
        }
        if options.polishIterations > 0 { polish(&model, field: field, data: data, options: options, report: &report, progress: progress) }
        field.parameters = model.parameters
        var plain = options
        plain.solverRegularization = .none
        if let whole = windowGradient(field, model: model, data: data, rows: 0..<fullLength, options: plain, report: &report) {
            report.finalLoss = whole.loss / Double(max(whole.count, 1))
            report.finalFunctionEvaluations = whole.forwardEvaluations
        }
        return report
    }

    /// L-BFGS on the whole-series loss from the first observation.
    static func polish<Field: TrainableVectorField>(
        _ model: inout NeuralODE, field: Field, data: TrajectoryData, options: NeuralODETrainingOptions,
        report: inout TrainingReport, progress: (TrainingProgress) -> Void
    ) {
        var field = field
        let snapshot = model
        var evaluations = 0
        let lbfgs = LBFGS(maxIterations: options.polishIterations)
        var parameters = model.parameters
        let result = lbfgs.minimize(&parameters) { x, g in
            field.parameters = Array(x)
            evaluations += 1
            guard let whole = windowGradient(field, model: snapshot, data: data, rows: 0..<data.count, options: options, report: &report)
            else {
                for k in 0..<g.count { g[k] = 0 }
                return .infinity
            }
            let scale = 1 / Double(max(whole.count, 1))
            for k in 0..<g.count { g[k] = whole.gradient[k] * scale }
            let loss = whole.loss * scale
            report.losses.append(loss)
            progress(TrainingProgress(iteration: evaluations, total: options.polishIterations, loss: loss, window: data.count, polishing: true))
            return loss
        }
        if result.value.isFinite { model.parameters = parameters }
    }

    /// Adds the loss, observed-value count and parameter gradient of the windows starting at
    /// `starts` (rows `start..<start + window`) solved together by `adjoint`; returns the starts
    /// whose windows failed there (they take the single-window path with its stiff fallback).
    static func batchGradient<Field: TrainableVectorField>(
        _ adjoint: BatchedDiscreteAdjoint<Field>, model: NeuralODE, data: TrajectoryData, starts: [Int], window: Int,
        gradient: inout [Double], total: inout Double, counted: inout Int
    ) -> [Int] {
        var windows: [TrajectoryWindow] = []
        var losses: [SquaredErrorLoss] = []
        var counts: [Int] = []
        var used: [Int] = []
        for start in starts {
            let rows = start..<(start + window)
            let (targets, weights, count) = data.targets(rows.dropFirst(), stateDimension: model.stateDimension)
            guard count > 0 else { continue }
            let times = Array(data.times[rows])
            windows.append(TrajectoryWindow(y0: model.initialState(data.filledRow(start)), t0: times[0], times: Array(times.dropFirst())))
            losses.append(SquaredErrorLoss(targets: targets, weights: weights))
            counts.append(count)
            used.append(start)
        }
        guard !windows.isEmpty, let result = try? adjoint.gradient(of: losses, over: windows) else { return used }
        var failed: [Int] = []
        for w in windows.indices {
            guard result.failures[w] == nil else {
                failed.append(used[w])
                continue
            }
            total += result.losses[w]
            counted += counts[w]
        }
        for k in gradient.indices { gradient[k] += result.parameterGradient[k] }
        return failed
    }

    /// Loss (sum of squared errors), observed-value count and parameter gradient of one window, or
    /// `nil` (recorded in `report`) when its solve fails even with the stiff fallback. With solver
    /// regularisation the loss includes the window's penalty weighted by its observed-value count,
    /// so that after the division by the count the weights act per window.
    static func windowGradient<Field: DifferentiableVectorField>(
        _ field: Field, model: NeuralODE, data: TrajectoryData, rows: Range<Int>,
        options: NeuralODETrainingOptions, report: inout TrainingReport
    ) -> (loss: Double, count: Int, gradient: [Double], forwardEvaluations: Int)? {
        let (targets, weights, count) = data.targets(rows.dropFirst(), stateDimension: model.stateDimension)
        guard count > 0 else { return nil }
        let times = Array(data.times[rows])
        var solverOptions = SolverOptions(relativeTolerance: options.relativeTolerance, absoluteTolerance: options.absoluteTolerance)
        solverOptions.maximumSteps = options.maximumSteps
        let loss = SquaredErrorLoss(targets: targets, weights: weights)
        do {
            let problem = try ODEProblem(field, y0: model.initialState(data.filledRow(rows.lowerBound)), from: times[0], to: times[times.count - 1])
            let lossTimes = Array(times.dropFirst())
            do {
                let result: GradientResult
                if options.solverRegularization.isActive {
                    let weights = SolverRegularization(
                        errorWeight: options.solverRegularization.errorWeight * Double(count),
                        stiffnessWeight: options.solverRegularization.stiffnessWeight * Double(count))
                    result = try gradient(
                        of: loss, at: lossTimes, for: problem, with: .tsit5, options: solverOptions, sensitivity: options.sensitivity,
                        regularization: weights).result
                } else {
                    result = try gradient(of: loss, at: lossTimes, for: problem, with: .tsit5, options: solverOptions, sensitivity: options.sensitivity)
                }
                return (result.loss, count, result.parameterGradient, result.statistics.forward.functionEvaluations)
            } catch {
                guard case let .forwardSolveFailed(status, _) = error,
                      status == .stiffnessDetected || status == .stepSizeUnderflow || status == .maxStepsReached
                else { throw error }
                report.stiffFallbacks += 1
                let result = try gradient(
                    of: loss, at: lossTimes, for: problem, with: RosenbrockMethod.rodas5P, options: solverOptions,
                    sensitivity: .interpolating())
                return (result.loss, count, result.parameterGradient, result.statistics.forward.functionEvaluations)
            }
        } catch {
            report.skippedWindows += 1
            if report.failures.count < 5 { report.failures.append("window at t = \(times[0]): \(error)") }
            return nil
        }
    }
}

/// A differentiable field whose parameters can be replaced: what the training loop updates.
/// Batched evaluation takes the per-sample defaults (one solve shares them across a batch's windows).
protocol TrainableVectorField: BatchedDifferentiableVectorField {
    var parameters: [Double] { get set }
}

extension NeuralVectorField: TrainableVectorField {}
extension UniversalVectorField: TrainableVectorField {}
