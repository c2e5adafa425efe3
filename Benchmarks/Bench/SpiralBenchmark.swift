import Continuum
import Foundation
import _AllocationCounter

/// `continuum-bench spiral`: torchdiffeq's `ode_demo` training run. True dynamics
/// `dy/dt = (y³) A`, `A = [[-0.1, 2], [-2, -0.1]]` (row vector times A), `y0 = (2, 0)`, 1000 points
/// on [0, 25]; model `y³ → Linear(2, 50) → tanh → Linear(50, 2)`; each iteration draws 20 windows
/// of 10 points, solves each from its observed start with Dopri5 (rtol 1e-7, atol 1e-9), takes
/// the mean absolute error and its discrete-adjoint gradient, and steps RMSprop (lr 1e-3).
///
///     continuum-bench spiral [--iterations 100] [--seed 0] [--sensitivity batched|discrete|interpolating] [--capacity 20]
///
/// `batched` (the default) solves the 20 windows together with ``BatchedDiscreteAdjoint`` (one
/// batched network evaluation per stage, no replay); `discrete` and `interpolating` call
/// `gradient(of:at:for:with:options:sensitivity:)` once per window.
///
/// Prints the median seconds per iteration and the whole-trajectory mean absolute error every 20
/// iterations (torchdiffeq's demo reports the same).
enum SpiralBenchmark {
    /// `f(y) = MLP(y³)` with its VJP (the chain rule through the cube).
    struct CubedInputField: BatchedDifferentiableVectorField {
        let network: MLP
        var parameters: [Double]
        let workspace: MLPWorkspace
        let scratch: UnsafeMutableBufferPointer<Double>

        var dimension: Int { 2 }
        var parameterCount: Int { network.parameterCount }

        func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
            scratch[0] = y[0] * y[0] * y[0]
            scratch[1] = y[1] * y[1] * y[1]
            parameters.withUnsafeBufferPointer { p in
                network.forward(UnsafeBufferPointer(rebasing: scratch[0..<2]), parameters: p, into: dy, workspace: workspace)
            }
        }

        func vectorJacobianProduct(
            _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
            stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
        ) {
            scratch[0] = y[0] * y[0] * y[0]
            scratch[1] = y[1] * y[1] * y[1]
            parameterProduct.update(repeating: 0)
            parameters.withUnsafeBufferPointer { p in
                network.valueAndVJP(
                    UnsafeBufferPointer(rebasing: scratch[0..<2]), parameters: p, outputCotangent: v,
                    inputCotangent: stateProduct, accumulatingInto: parameterProduct, workspace: workspace)
            }
            stateProduct[0] *= 3 * y[0] * y[0]
            stateProduct[1] *= 3 * y[1] * y[1]
        }

        var batchCapacity: Int { workspace.batchCapacity }
        var recordWidth: Int { network.recordWidth }

        func evaluate(
            rows: Int, times: UnsafePointer<Double>, states: UnsafePointer<Double>,
            derivatives: UnsafeMutablePointer<Double>, records: UnsafePointer<UnsafeMutablePointer<Double>>?
        ) {
            for k in 0..<(2 * rows) { scratch[k] = states[k] * states[k] * states[k] }
            let input = UnsafeBufferPointer(rebasing: scratch[0..<(2 * rows)])
            let output = UnsafeMutableBufferPointer(start: derivatives, count: 2 * rows)
            parameters.withUnsafeBufferPointer { p in
                network.forward(input, parameters: p, into: output, workspace: workspace, recordingRowsInto: records)
            }
        }

        func vectorJacobianProduct(
            rows: Int, times: UnsafePointer<Double>, states: UnsafePointer<Double>,
            records: UnsafePointer<UnsafePointer<Double>>?, cotangents: UnsafePointer<Double>,
            stateProducts: UnsafeMutablePointer<Double>, addingParameterProductTo parameterGradient: UnsafeMutablePointer<Double>
        ) {
            let v = UnsafeBufferPointer(start: cotangents, count: 2 * rows)
            let products = UnsafeMutableBufferPointer(start: stateProducts, count: 2 * rows)
            let gradient = UnsafeMutableBufferPointer(start: parameterGradient, count: network.parameterCount)
            parameters.withUnsafeBufferPointer { p in
                if let records {
                    network.vjp(
                        recordedRows: records, rows: rows, outputCotangent: v, parameters: p, inputCotangent: products,
                        accumulatingInto: gradient, workspace: workspace)
                } else {
                    for k in 0..<(2 * rows) { scratch[k] = states[k] * states[k] * states[k] }
                    network.valueAndVJP(
                        UnsafeBufferPointer(rebasing: scratch[0..<(2 * rows)]), parameters: p, outputCotangent: v,
                        inputCotangent: products, accumulatingInto: gradient, workspace: workspace)
                }
            }
            for k in 0..<(2 * rows) { stateProducts[k] *= 3 * states[k] * states[k] }
        }
    }

    /// The mean absolute error of a window starting at point `start` of the observed trajectory
    /// (divided by the 400 values of a batch, as torchdiffeq's demo averages): loss time `i` is
    /// point `start + 1 + i`. It reads the shared data, so building a batch allocates nothing.
    struct WindowAbsoluteError: TrajectoryLoss {
        let data: [[Double]]
        let start: Int

        func evaluate(
            index: Int, t: Double, y: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>
        ) -> Double {
            let target = data[start + 1 + index]
            var total = 0.0
            for j in 0..<2 {
                let r = y[j] - target[j]
                total += abs(r)
                gradient[j] = (r > 0 ? 1 : (r < 0 ? -1 : 0)) / 400
            }
            return total / 400
        }
    }

    static func run(_ arguments: [String]) throws -> String? {
        let options = try benchmarkOptions(arguments, mode: "spiral")
        let iterations = Int(options["iterations"] ?? "100") ?? 100
        let seed = UInt64(options["seed"] ?? "0") ?? 0
        let batched = (options["sensitivity"] ?? "batched") == "batched"
        let sensitivity: SensitivityMethod = options["sensitivity"] == "interpolating" ? .interpolating() : .discrete()

        // The true trajectory.
        let truth = try ODEProblem(y0: [2, 0], from: 0, to: 25) { _, y, dy in
            let a = y[0] * y[0] * y[0], b = y[1] * y[1] * y[1]
            dy[0] = -0.1 * a - 2 * b
            dy[1] = 2 * a - 0.1 * b
        }
        let times = (0..<1000).map { 25 * Double($0) / 999 }
        var truthOptions = SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12)
        truthOptions.saveAt = times
        let data = try solve(truth, with: .dop853, options: truthOptions).states

        let network = try MLP(widths: [2, 50, 2], activation: .tanh)
        var stream = RandomStream(seed: seed)
        var parameters = network.layout.initializeLikePyTorch(stream: &stream)
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * 20)
        defer { scratch.deallocate() }
        var field = CubedInputField(
            network: network, parameters: parameters, workspace: network.makeWorkspace(batchCapacity: 20), scratch: scratch)
        var optimizer = try RMSprop(parameterCount: parameters.count, learningRate: 1e-3)
        let solverOptions = SolverOptions(relativeTolerance: 1e-7, absoluteTolerance: 1e-9)
        let windowTimes = Array(times[1..<10])
        var gradientSum = [Double](repeating: 0, count: parameters.count)
        let adjoint = try BatchedDiscreteAdjoint(
            field: field, method: .dopri5, options: solverOptions, capacity: Int(options["capacity"] ?? "20") ?? 20)
        var windows: [TrajectoryWindow] = []
        var losses: [WindowAbsoluteError] = []
        var seconds: [Double] = []
        var checkpoints: [(Int, Double)] = []
        for iteration in 1...iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            field.parameters = parameters
            for k in gradientSum.indices { gradientSum[k] = 0 }
            windows.removeAll(keepingCapacity: true)
            losses.removeAll(keepingCapacity: true)
            for _ in 0..<20 {
                let s = Int(stream.nextUniform() * Double(1000 - 10))
                let loss = WindowAbsoluteError(data: data, start: s)
                if batched {
                    windows.append(TrajectoryWindow(y0: data[s], t0: 0, times: windowTimes))
                    losses.append(loss)
                    continue
                }
                let problem = try ODEProblem(field, y0: data[s], from: 0, to: times[9])
                let result = try gradient(of: loss, at: windowTimes, for: problem, with: .dopri5, options: solverOptions, sensitivity: sensitivity)
                for k in gradientSum.indices { gradientSum[k] += result.parameterGradient[k] }
            }
            if batched {
                adjoint.field.parameters = parameters
                let result = try adjoint.gradient(of: losses, over: windows)
                if let failure = result.failures.compactMap({ $0 }).first { throw failure }
                gradientSum = result.parameterGradient
            }
            optimizer.step(&parameters, gradient: gradientSum)
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
            if iteration % 20 == 0 || iteration == iterations {
                field.parameters = parameters
                checkpoints.append((iteration, try trajectoryError(field, data: data, times: times)))
            }
        }
        seconds.sort()
        var allocations: [(String, String)] = []
        if batched {
            let (perCall, perStep) = try batchedAllocations(adjoint, data: data, times: times)
            allocations = [("allocations_per_batch", String(perCall)), ("allocations_per_step", JSONText.number(perStep))]
        }
        return JSONText.object([
            ("seconds_per_iteration", JSONText.number(seconds[seconds.count / 2])),
            ("iterations", String(iterations)),
            ("sensitivity", JSONText.string(batched ? "batched discrete" : sensitivity.name)),
        ] + allocations + [
            ("trajectory_l1", "[" + checkpoints.map { "[\($0.0),\(JSONText.number($0.1))]" }.joined(separator: ",") + "]"),
        ])
    }

    /// Heap allocations of one batched gradient call over 20 windows of 10 points, and per
    /// accepted step: the same call over windows of 40 points takes more steps, and the extra
    /// allocations are divided by the extra steps (after a warm-up that sizes the tapes).
    static func batchedAllocations(
        _ adjoint: BatchedDiscreteAdjoint<CubedInputField>, data: [[Double]], times: [Double]
    ) throws -> (perCall: Int, perStep: Double) {
        func windows(_ points: Int) -> [TrajectoryWindow] {
            (0..<20).map { TrajectoryWindow(y0: data[40 * $0], t0: 0, times: Array(times[1..<points])) }
        }
        let losses = [SumOfSquaresLoss](repeating: SumOfSquaresLoss(), count: 20)
        let short = windows(10)
        let long = windows(40)
        _ = try adjoint.gradient(of: losses, over: long)
        var before = continuum_allocation_count()
        let shortResult = try adjoint.gradient(of: losses, over: short)
        let shortCount = continuum_allocation_count() - before
        before = continuum_allocation_count()
        let longResult = try adjoint.gradient(of: losses, over: long)
        let longCount = continuum_allocation_count() - before
        let extraSteps = longResult.statistics.forward.acceptedSteps - shortResult.statistics.forward.acceptedSteps
        return (shortCount, Double(longCount - shortCount) / Double(max(extraSteps, 1)))
    }

    /// Mean absolute error of the model's trajectory from `y0` over all 1000 points.
    static func trajectoryError(_ field: CubedInputField, data: [[Double]], times: [Double]) throws -> Double {
        var options = SolverOptions(relativeTolerance: 1e-7, absoluteTolerance: 1e-9)
        options.saveAt = times
        let solution = try solve(try ODEProblem(field, y0: data[0], from: 0, to: 25), with: .dopri5, options: options)
        guard solution.status == .success else { return .nan }
        var total = 0.0
        for (row, target) in zip(solution.states, data) { total += abs(row[0] - target[0]) + abs(row[1] - target[1]) }
        return total / Double(2 * data.count)
    }
}
