import ContinuumNeural
import ContinuumNumerics
import ContinuumODE
import ContinuumSensitivity
import Testing

/// `f(y) = MLP(y)` (2 → 16 → tanh → 2) with the batched, recording path of the MLP: the VJP reads
/// the hidden activations taped by the forward pass instead of recomputing them.
final class RecordingNetworkField: BatchedDifferentiableVectorField {
    let network: MLP
    let parameters: [Double]
    let workspace: MLPWorkspace
    var dimension: Int { 2 }
    var parameterCount: Int { network.parameterCount }
    var batchCapacity: Int { workspace.batchCapacity }
    var recordWidth: Int { network.recordWidth }

    init(seed: UInt64, batchCapacity: Int) throws {
        network = try MLP(widths: [2, 16, 2], activation: .tanh)
        var stream = RandomStream(seed: seed)
        parameters = network.layout.initializeLikePyTorch(stream: &stream).map { 3 * $0 }
        workspace = network.makeWorkspace(batchCapacity: batchCapacity)
    }

    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        parameters.withUnsafeBufferPointer { network.forward(y, parameters: $0, into: dy, workspace: workspace) }
    }

    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        parameterProduct.update(repeating: 0)
        parameters.withUnsafeBufferPointer {
            network.valueAndVJP(
                y, parameters: $0, outputCotangent: v, inputCotangent: stateProduct, accumulatingInto: parameterProduct,
                workspace: workspace)
        }
    }

    func evaluate(
        rows: Int, times: UnsafePointer<Double>, states: UnsafePointer<Double>,
        derivatives: UnsafeMutablePointer<Double>, records: UnsafePointer<UnsafeMutablePointer<Double>>?
    ) {
        let input = UnsafeBufferPointer(start: states, count: 2 * rows)
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
        parameters.withUnsafeBufferPointer { p in
            network.vjp(
                recordedRows: records!, rows: rows, outputCotangent: UnsafeBufferPointer(start: cotangents, count: 2 * rows),
                parameters: p, inputCotangent: UnsafeMutableBufferPointer(start: stateProducts, count: 2 * rows),
                accumulatingInto: UnsafeMutableBufferPointer(start: parameterGradient, count: network.parameterCount),
                workspace: workspace)
        }
    }
}

@Suite("BatchedDiscreteAdjoint with a recording network")
struct BatchedRecordingFieldTests {
    /// Twelve windows in batches of at most five rows per call: each window's results equal its
    /// own discrete adjoint, the summed parameter gradient the sum of theirs.
    @Test func matchesTheDiscreteAdjointOfEachWindowAlone() throws {
        let field = try RecordingNetworkField(seed: 3, batchCapacity: 5)
        #expect(field.recordWidth == 2 + 16)
        var stream = RandomStream(seed: 11)
        let windows = (0..<12).map { w in
            let t0 = Double(w) * 0.1
            let count = 2 + w % 4
            return TrajectoryWindow(
                y0: [2 * stream.nextUniform() - 1, 2 * stream.nextUniform() - 1], t0: t0,
                times: (1...count).map { t0 + 0.4 * Double($0) + 0.01 * Double(w) })
        }
        let losses = [SumOfSquaresLoss](repeating: SumOfSquaresLoss(), count: windows.count)
        let options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10)
        let adjoint = try BatchedDiscreteAdjoint(field: field, method: .dopri5, options: options)
        let batch = try adjoint.gradient(of: losses, over: windows)
        #expect(batch.allSucceeded)
        var sum = [Double](repeating: 0, count: field.parameterCount)
        for (w, window) in windows.enumerated() {
            let problem = try ODEProblem(field, y0: window.y0, from: window.t0, to: window.times.last!)
            let alone = try gradient(
                of: losses[w], at: window.times, for: problem, with: .dopri5, options: options, sensitivity: .discrete())
            for k in sum.indices { sum[k] += alone.parameterGradient[k] }
            #expect(batch.states[w] == alone.states, "window \(w) took other steps")
            #expect(abs(batch.losses[w] - alone.loss) <= 1e-13 * alone.loss)
            let scale = alone.initialStateGradient.map(abs).max()!
            #expect(zip(batch.initialStateGradients[w], alone.initialStateGradient).allSatisfy { abs($0 - $1) <= 1e-12 * scale })
        }
        let scale = sum.map(abs).max()!
        let worst = zip(batch.parameterGradient, sum).map { abs($0 - $1) }.max()!
        #expect(worst <= 1e-12 * scale, "largest difference \(worst / scale) relative")
    }
}
