import ContinuumNeural
import ContinuumNumerics
import Testing

@Suite("Dense layer kernels")
struct DenseKernelTests {
    /// Shapes that reach every kernel: two outputs (`narrowRows`, with even and odd input counts),
    /// two inputs (the backward pass without transpose), wide layers with tails of two and one
    /// column, one and three outputs.
    static let shapes = [(2, 50), (50, 2), (49, 2), (3, 7), (7, 5), (5, 2), (2, 3), (9, 2), (1, 4), (4, 1), (2, 9), (6, 17)]

    /// `z = x W + b`, `xᵀ δ`, `Σ δ` and `δ Wᵀ` against plain double loops, to 1e-14 of the sum of
    /// the magnitudes of the terms (only the order of summation differs), for 1 to 9 and 20 rows.
    @Test func kernelsMatchPlainSums() {
        var stream = RandomStream(seed: 3)
        for (inputs, outputs) in Self.shapes {
            var layout = ParameterLayout()
            let layer = Dense(inputs: inputs, outputs: outputs, activation: .identity, name: "l", layout: &layout)
            let theta = (0..<layout.count).map { _ in stream.nextNormal() }
            for rows in Array(1...9) + [20] {
                let x = (0..<(rows * inputs)).map { _ in stream.nextNormal() }
                let delta = (0..<(rows * outputs)).map { _ in stream.nextNormal() }
                var z = [Double](repeating: .nan, count: rows * outputs)
                var gradient = [Double](repeating: 0.25, count: layout.count)
                var cotangent = [Double](repeating: .nan, count: rows * inputs)
                var scratch = [Double](repeating: 0, count: inputs * outputs)
                theta.withUnsafeBufferPointer { p in
                    x.withUnsafeBufferPointer { xb in
                        z.withUnsafeMutableBufferPointer { zb in
                            layer.forward(
                                rows: rows, xb.baseAddress!, parameters: p.baseAddress!, preactivation: zb.baseAddress!,
                                value: zb.baseAddress!)
                        }
                        delta.withUnsafeBufferPointer { db in
                            gradient.withUnsafeMutableBufferPointer { gb in
                                cotangent.withUnsafeMutableBufferPointer { cb in
                                    scratch.withUnsafeMutableBufferPointer { sb in
                                        layer.backward(
                                            rows: rows, xb.baseAddress!, delta: db.baseAddress!, parameters: p.baseAddress!,
                                            inputCotangent: cb.baseAddress!, accumulatingInto: gb.baseAddress!,
                                            scratch: sb.baseAddress!)
                                    }
                                }
                            }
                        }
                    }
                }
                let w = layer.weightOffset
                let b = layer.biasOffset
                func check(_ got: Double, _ terms: [Double], _ what: String) {
                    let exact = terms.reduce(0, +)
                    let scale = terms.map(\.magnitude).reduce(0, +)
                    #expect(abs(got - exact) <= 1e-14 * scale, "\(inputs)→\(outputs), \(rows) rows: \(what)")
                }
                for r in 0..<rows {
                    for o in 0..<outputs {
                        check(z[r * outputs + o], [theta[b + o]] + (0..<inputs).map { x[r * inputs + $0] * theta[w + $0 * outputs + o] }, "z")
                    }
                    for i in 0..<inputs {
                        check(cotangent[r * inputs + i], (0..<outputs).map { delta[r * outputs + $0] * theta[w + i * outputs + $0] }, "δWᵀ")
                    }
                }
                for i in 0..<inputs {
                    for o in 0..<outputs {
                        check(gradient[w + i * outputs + o], [0.25] + (0..<rows).map { x[$0 * inputs + i] * delta[$0 * outputs + o] }, "∂W")
                    }
                }
                for o in 0..<outputs { check(gradient[b + o], [0.25] + (0..<rows).map { delta[$0 * outputs + o] }, "∂b") }
            }
        }
    }

    /// The spiral network `2 → 50 → tanh → 2` on 20 and 7 rows (blocks of four, pairs and single
    /// rows in every kernel) gives bit for bit the outputs and input cotangents of its rows one
    /// at a time, and the same parameter gradient as summing them, to 1e-15.
    @Test(arguments: [20, 7])
    func spiralNetworkBatchIsItsRows(_ rows: Int) throws {
        let mlp = try MLP(widths: [2, 50, 2], activation: .tanh)
        var stream = RandomStream(seed: 8)
        let theta = mlp.layout.initializeLikePyTorch(stream: &stream)
        let x = (0..<(2 * rows)).map { _ in 2 * stream.nextNormal() }
        let v = (0..<(2 * rows)).map { _ in stream.nextNormal() }
        mlp.expectBatchIsItsRows(x, v, theta)
    }
}
