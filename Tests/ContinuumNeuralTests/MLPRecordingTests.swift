import ContinuumNeural
import ContinuumNumerics
import Testing

/// A buffer holding a copy of `values` (freed by the caller).
private func buffer(_ values: [Double]) -> UnsafeMutableBufferPointer<Double> {
    let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(values.count, 1))
    _ = b.initialize(from: values)
    return UnsafeMutableBufferPointer(rebasing: b[0..<values.count])
}

@Suite("MLP recorded forward passes")
struct MLPRecordingTests {
    /// A VJP over rows recorded by two different forward passes (gathered out of order) equals,
    /// bit for bit, the per-row `valueAndVJP` in the same order: records restore exactly what the
    /// backward pass reads (here `z` of a softplus layer, `a` of a tanh layer, the input).
    @Test func vjpFromRecordsEqualsRecomputedVJP() throws {
        let network = try MLP(widths: [2, 6, 5, 2], activations: [.softplus, .tanh, .identity])
        let width = network.recordWidth
        #expect(width == 2 + 6 + 6 + 5)
        var stream = RandomStream(seed: 5)
        let parameters = buffer(network.layout.initializeLikePyTorch(stream: &stream))
        let inputs = buffer((0..<10).map { _ in 4 * stream.nextUniform() - 2 })
        let cotangents = buffer((0..<10).map { _ in stream.nextUniform() - 0.5 })
        let tape = buffer([Double](repeating: 0, count: 5 * width))
        let output = buffer([Double](repeating: 0, count: 6))
        let rowPointers = UnsafeMutablePointer<UnsafeMutablePointer<Double>>.allocate(capacity: 5)
        defer { [parameters, inputs, cotangents, tape, output].forEach { $0.baseAddress!.deallocate() }; rowPointers.deallocate() }
        let workspace = network.makeWorkspace(batchCapacity: 5)
        // Forward passes over rows 0-2 and 3-4, recording each row at its own place in the tape.
        for (first, count) in [(0, 3), (3, 2)] {
            for r in 0..<count { rowPointers[r] = tape.baseAddress! + (first + r) * width }
            network.forward(
                UnsafeBufferPointer(rebasing: inputs[(2 * first)..<(2 * (first + count))]), parameters: UnsafeBufferPointer(parameters),
                into: UnsafeMutableBufferPointer(rebasing: output[0..<(2 * count)]), workspace: workspace,
                recordingRowsInto: UnsafePointer(rowPointers))
        }
        let order = [4, 1, 3, 0]
        let sources = UnsafeMutablePointer<UnsafePointer<Double>>.allocate(capacity: order.count)
        defer { sources.deallocate() }
        for (r, row) in order.enumerated() { sources[r] = UnsafePointer(tape.baseAddress! + row * width) }
        let v = buffer(order.flatMap { [cotangents[2 * $0], cotangents[2 * $0 + 1]] })
        let batchedInput = buffer([Double](repeating: 0, count: 2 * order.count))
        let batchedGradient = buffer([Double](repeating: 0, count: network.parameterCount))
        defer { [v, batchedInput, batchedGradient].forEach { $0.baseAddress!.deallocate() } }
        network.vjp(
            recordedRows: sources, rows: order.count, outputCotangent: UnsafeBufferPointer(v),
            parameters: UnsafeBufferPointer(parameters), inputCotangent: batchedInput, accumulatingInto: batchedGradient,
            workspace: workspace)

        let single = network.makeWorkspace()
        let expectedInput = buffer([Double](repeating: 0, count: 2 * order.count))
        let expectedGradient = buffer([Double](repeating: 0, count: network.parameterCount))
        defer { [expectedInput, expectedGradient].forEach { $0.baseAddress!.deallocate() } }
        for (r, row) in order.enumerated() {
            network.valueAndVJP(
                UnsafeBufferPointer(rebasing: inputs[(2 * row)..<(2 * row + 2)]), parameters: UnsafeBufferPointer(parameters),
                outputCotangent: UnsafeBufferPointer(rebasing: cotangents[(2 * row)..<(2 * row + 2)]),
                inputCotangent: UnsafeMutableBufferPointer(rebasing: expectedInput[(2 * r)..<(2 * r + 2)]),
                accumulatingInto: expectedGradient, workspace: single)
        }
        #expect(Array(batchedInput) == Array(expectedInput))
        #expect(Array(batchedGradient) == Array(expectedGradient))
    }
}
