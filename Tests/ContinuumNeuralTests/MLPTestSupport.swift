import ContinuumNeural
import Testing

/// Array-level wrappers around the buffer API, for tests.
extension MLP {
    /// The outputs at `x` (a fresh forward pass).
    func outputs(_ x: [Double], _ theta: [Double], _ workspace: MLPWorkspace) -> [Double] {
        var out = [Double](repeating: 0, count: x.count / inputWidth * outputWidth)
        x.withUnsafeBufferPointer { xb in
            theta.withUnsafeBufferPointer { tb in
                out.withUnsafeMutableBufferPointer { forward(xb, parameters: tb, into: $0, workspace: workspace) }
            }
        }
        return out
    }

    /// `vᵀ∂f/∂x` and `vᵀ∂f/∂θ` at `x` (a fresh forward pass; the parameter gradient starts from
    /// `initialGradient`, since the products accumulate).
    func vjp(
        _ x: [Double], _ theta: [Double], _ v: [Double], _ workspace: MLPWorkspace, initialGradient: Double = 0
    ) -> (input: [Double], parameters: [Double]) {
        var gx = [Double](repeating: 0, count: x.count)
        var gTheta = [Double](repeating: initialGradient, count: theta.count)
        x.withUnsafeBufferPointer { xb in
            theta.withUnsafeBufferPointer { tb in
                v.withUnsafeBufferPointer { vb in
                    gx.withUnsafeMutableBufferPointer { gxb in
                        gTheta.withUnsafeMutableBufferPointer {
                            valueAndVJP(
                                xb, parameters: tb, outputCotangent: vb, inputCotangent: gxb, accumulatingInto: $0,
                                workspace: workspace)
                        }
                    }
                }
            }
        }
        return (gx, gTheta)
    }
}

extension MLP {
    /// The outputs and input cotangents of one `valueAndVJP` call on the rows of `x`, adding the
    /// parameter products to `gradient`.
    func valueAndVJP(
        _ x: [Double], _ theta: [Double], _ v: [Double], _ workspace: MLPWorkspace, gradient: inout [Double]
    ) -> (output: [Double], input: [Double]) {
        var out = [Double](repeating: 0, count: v.count)
        var gx = [Double](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { xb in
            theta.withUnsafeBufferPointer { tb in
                v.withUnsafeBufferPointer { vb in
                    out.withUnsafeMutableBufferPointer { ob in
                        gx.withUnsafeMutableBufferPointer { gxb in
                            gradient.withUnsafeMutableBufferPointer {
                                valueAndVJP(
                                    xb, parameters: tb, outputCotangent: vb, output: ob, inputCotangent: gxb,
                                    accumulatingInto: $0, workspace: workspace)
                            }
                        }
                    }
                }
            }
        }
        return (out, gx)
    }

    /// Expects a batch (the rows of `x`, cotangents `v`) to give bit for bit the outputs and
    /// input cotangents of its rows one at a time, and their summed parameter gradient to 1e-15.
    func expectBatchIsItsRows(_ x: [Double], _ v: [Double], _ theta: [Double]) {
        let rows = x.count / inputWidth
        let (n, m) = (inputWidth, outputWidth)
        var batchGradient = [Double](repeating: 0, count: parameterCount)
        let batch = valueAndVJP(x, theta, v, makeWorkspace(batchCapacity: rows), gradient: &batchGradient)
        var singleGradient = [Double](repeating: 0, count: parameterCount)
        let single = makeWorkspace()
        for r in 0..<rows {
            let one = valueAndVJP(
                Array(x[(n * r)..<(n * r + n)]), theta, Array(v[(m * r)..<(m * r + m)]), single, gradient: &singleGradient)
            #expect(one.output == Array(batch.output[(m * r)..<(m * r + m)]))
            #expect(one.input == Array(batch.input[(n * r)..<(n * r + n)]))
        }
        for k in batchGradient.indices {
            #expect(abs(batchGradient[k] - singleGradient[k]) <= 1e-15 * max(1, abs(singleGradient[k])))
        }
    }
}

/// Central-difference derivative checks of scalar functions on a grid, skipping `|z| ≤ 1e-3`.
func expectDerivative(
    _ derivative: (Double) -> Double, of function: (Double) -> Double, over grid: StrideThrough<Double>,
    tolerance: Double,
    _ what: String
) -> [String] {
    let h = 1e-6
    var failures: [String] = []
    for z in grid where abs(z) > 1e-3 {
        let difference = (function(z + h) - function(z - h)) / (2 * h)
        if abs(derivative(z) - difference) >= tolerance { failures.append("\(what) at \(z)") }
    }
    return failures
}
