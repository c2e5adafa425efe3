import ContinuumNeural
import ContinuumNumerics
import Foundation
import Testing

@Suite("MLP forward pass and vector-Jacobian products")
struct MLPTests {
    static func model(_ activation: Activation) throws -> (MLP, [Double]) {
        let mlp = try MLP(
            widths: [3, 7, 5, 2], activation: activation, outputActivation: activation == .relu ? .softplus : .tanh)
        var stream = RandomStream(seed: 11)
        return (
            mlp, mlp.initialParameters(weights: .glorotNormal, biases: .normal(standardDeviation: 0.3), stream: &stream)
        )
    }

    /// `L(x, θ) = vᵀ f(x; θ)` evaluated with a fresh forward pass.
    static func objective(
        _ mlp: MLP, _ x: [Double], _ theta: [Double], _ v: [Double], _ workspace: MLPWorkspace
    ) -> Double {
        zip(mlp.outputs(x, theta, workspace), v).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Both cotangents against central differences of `vᵀ f` (h = 1e-5): relative error below 1e-7
    /// of the gradient's largest entry (for ReLU no unit sits at its kink at this point).
    @Test(arguments: Activation.allCases)
    func vjpMatchesFiniteDifferences(_ activation: Activation) throws {
        let (mlp, theta) = try Self.model(activation)
        let workspace = mlp.makeWorkspace()
        let x = [0.4, -0.9, 0.25]
        let v = [1.3, -0.7]
        let (gx, gTheta) = mlp.vjp(x, theta, v, workspace, initialGradient: 0.5)
        let h = 1e-5
        func check(_ analytic: [Double], _ numeric: (Int) -> Double) {
            let scale = analytic.map { abs($0) }.max()!
            for k in analytic.indices {
                #expect(abs(analytic[k] - numeric(k)) <= 1e-7 * scale, "\(activation) entry \(k)")
            }
        }
        check(gx) { i in
            var xp = x
            var xm = x
            xp[i] += h
            xm[i] -= h
            return (Self.objective(mlp, xp, theta, v, workspace) - Self.objective(mlp, xm, theta, v, workspace))
                / (2 * h)
        }
        // The gradient was accumulated onto 0.5 everywhere.
        check(gTheta.map { $0 - 0.5 }) { k in
            var tp = theta
            var tm = theta
            tp[k] += h
            tm[k] -= h
            return (Self.objective(mlp, x, tp, v, workspace) - Self.objective(mlp, x, tm, v, workspace)) / (2 * h)
        }
    }

    /// A batch of 6 rows gives bit-for-bit the outputs and input cotangents of its rows one at a
    /// time, and its parameter gradient equals the sum of the single-row gradients to 1e-15.
    @Test(arguments: [Activation.tanh, .gelu, .relu])
    func batchAgreesWithSingleSamples(_ activation: Activation) throws {
        let (mlp, theta) = try Self.model(activation)
        let rows = 6
        var stream = RandomStream(seed: 5)
        let x = (0..<(rows * 3)).map { _ in stream.nextNormal() }
        let v = (0..<(rows * 2)).map { _ in stream.nextNormal() }
        mlp.expectBatchIsItsRows(x, v, theta)
    }

    /// The input Jacobian's rows are the VJPs with unit cotangents; its trace is the divergence.
    @Test func inputJacobianMatchesVJPs() throws {
        let mlp = try MLP(widths: [3, 9, 3], activation: .softplus)
        var stream = RandomStream(seed: 3)
        let theta = mlp.initialParameters(biases: .uniform(bound: 0.5), stream: &stream)
        let workspace = mlp.makeWorkspace()
        let x = [0.3, -1.2, 0.8]
        var jacobian = [Double](repeating: 0, count: 9)
        var rows = [Double](repeating: 0, count: 9)
        var out = [Double](repeating: 0, count: 3)
        x.withUnsafeBufferPointer { xb in
            theta.withUnsafeBufferPointer { tb in
                for o in 0..<3 {
                    var unit = [0.0, 0, 0]
                    unit[o] = 1
                    unit.withUnsafeBufferPointer { ub in
                        rows.withUnsafeMutableBufferPointer { rb in
                            let row = UnsafeMutableBufferPointer(rebasing: rb[(3 * o)..<(3 * o + 3)])
                            mlp.valueAndVJP(
                                xb, parameters: tb, outputCotangent: ub, inputCotangent: row, accumulatingInto: nil,
                                workspace: workspace)
                        }
                    }
                }
                out.withUnsafeMutableBufferPointer { mlp.forward(xb, parameters: tb, into: $0, workspace: workspace) }
                jacobian.withUnsafeMutableBufferPointer {
                    mlp.inputJacobian(parameters: tb, into: $0, workspace: workspace)
                }
                let divergence = mlp.divergence(parameters: tb, workspace: workspace)
                #expect(divergence.isApproximatelyEqual(to: rows[0] + rows[4] + rows[8], relativeTolerance: 1e-14))
            }
        }
        for k in 0..<9 {
            #expect(jacobian[k].isApproximatelyEqual(to: rows[k], absoluteTolerance: 1e-15, relativeTolerance: 1e-14))
        }
    }

    /// Construction rejects bad widths and mismatched activation lists with typed errors.
    @Test func rejectsBadShapes() {
        #expect(throws: NeuralError.invalidWidths([2])) { try MLP(widths: [2], activation: .tanh) }
        #expect(throws: NeuralError.invalidWidths([2, 0, 1])) { try MLP(widths: [2, 0, 1], activation: .tanh) }
        #expect(throws: NeuralError.countMismatch(expected: 2, actual: 1, what: "activations")) {
            try MLP(widths: [2, 3, 1], activations: [.tanh])
        }
    }
}

@Suite("MLP coding")
struct MLPCodingTests {
    /// JSON round trip restores the same network; a bad architecture fails to decode.
    @Test func roundTrip() throws {
        let mlp = try MLP(widths: [3, 8, 8, 2], activations: [.gelu, .swish, .identity])
        let data = try JSONEncoder().encode(mlp)
        #expect(try JSONDecoder().decode(MLP.self, from: data) == mlp)
        let bad = Data(#"{"widths": [3, 0, 2], "activations": ["tanh", "identity"]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(MLP.self, from: bad) }
    }
}
