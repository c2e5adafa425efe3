extension MLP {
    /// The input Jacobian `J = ∂out/∂in` (`n_L × n₀`, row-major: `J[o · n₀ + i] = ∂outₒ/∂inᵢ`) of
    /// one sample, at the input of the last single-sample forward pass.
    ///
    /// Pushes the `n₀` unit tangents through the layers at once: the rows of `Jᵀ` obey
    /// `Ṫ_l = (Ṫ_{l−1} W_l) ⊙ σ′_l(z_l)`, starting from the identity, which costs `n₀` forward
    /// passes without biases — meant for small `n₀` (implicit solvers, exact divergences). The
    /// scratch (`2 · n₀ · max width` values) is allocated in `workspace` on the first call.
    @inlinable
    public func inputJacobian(
        parameters: UnsafeBufferPointer<Double>, into jacobian: UnsafeMutableBufferPointer<Double>,
        workspace: MLPWorkspace
    ) {
        checkWorkspace(workspace)
        precondition(workspace.rows == 1, "the input Jacobian needs a preceding single-sample forward pass")
        precondition(
            jacobian.count == outputWidth * inputWidth, "the Jacobian needs \(outputWidth * inputWidth) entries")
        let n0 = inputWidth
        let widest = widths.max()!
        let scratch = workspace.jacobianBuffers(count: n0 * widest)
        var tangent = scratch
        var next = scratch + n0 * widest
        tangent.update(repeating: 0, count: n0 * n0)
        for i in 0..<n0 { tangent[i * n0 + i] = 1 }
        let p = parameters.baseAddress!
        for l in 0..<layers.count {
            let layer = layers[l]
            let w = p + layer.weightOffset
            let m = layer.outputs
            let z = workspace.preactivation(l)
            let a = workspace.value(l)
            for j in 0..<n0 {
                let nj = next + j * m
                Dense.affineRow(
                    tangent + j * layer.inputs, weights: w, bias: nil, into: nj, inputs: layer.inputs, outputs: m)
                layer.activation.multiplyByDerivative(nj, preactivation: z, value: a, count: m)
            }
            swap(&tangent, &next)
        }
        let m = outputWidth
        for o in 0..<m {
            for i in 0..<n0 { jacobian[o * n0 + i] = tangent[i * m + o] }
        }
    }

    /// The trace of the input Jacobian (`n₀ = n_L`): the exact divergence `∇·f` used by
    /// continuous normalising flows and score models.
    @inlinable
    public func divergence(parameters: UnsafeBufferPointer<Double>, workspace: MLPWorkspace) -> Double {
        precondition(inputWidth == outputWidth, "the divergence needs as many outputs as inputs")
        let n = inputWidth
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: n * n) { jacobian in
            inputJacobian(parameters: parameters, into: jacobian, workspace: workspace)
            var trace = 0.0
            for i in 0..<n { trace += jacobian[i * n + i] }
            return trace
        }
    }
}
