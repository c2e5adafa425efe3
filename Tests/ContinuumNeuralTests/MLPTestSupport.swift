import ContinuumNeural

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
