extension MLP {
    /// The Jacobian-vector product `(∂out/∂in) u` (`rows × n_L`) at the input(s) of the last
    /// forward pass, for tangents `u` (`rows × n₀`): forward-mode `ż_l = ȧ_{l−1} W_l`,
    /// `ȧ_l = σ′(z_l) ż_l`. Leaves `ż`, `ȧ` in `workspace`.
    @inlinable
    public func jvp(
        _ tangent: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
        into outputTangent: UnsafeMutableBufferPointer<Double>, workspace: MLPWorkspace
    ) {
        checkWorkspace(workspace)
        let rows = workspace.rows
        precondition(tangent.count == rows * inputWidth, "the tangent must match the last forward pass (\(rows) rows)")
        precondition(outputTangent.count == rows * outputWidth, "outputTangent needs \(rows * outputWidth) entries")
        pushTangent(tangent.baseAddress!, parameters: parameters.baseAddress!, workspace: workspace)
        outputTangent.baseAddress!.update(from: workspace.tangentValue(layers.count - 1), count: outputTangent.count)
    }

    @inlinable
    func pushTangent(_ u: UnsafePointer<Double>, parameters p: UnsafePointer<Double>, workspace: MLPWorkspace) {
        checkWorkspace(workspace)
        let rows = workspace.rows
        workspace.tangentInput.update(from: u, count: rows * inputWidth)
        var x = UnsafePointer(workspace.tangentInput)
        for l in 0..<layers.count {
            let layer = layers[l]
            let zDot = workspace.tangentPreactivation(l)
            let aDot = workspace.tangentValue(l)
            for r in 0..<rows {
                Dense.affineRow(
                    x + r * layer.inputs, weights: p + layer.weightOffset, bias: nil, into: zDot + r * layer.outputs,
                    inputs: layer.inputs, outputs: layer.outputs)
            }
            if !layer.activation.isIdentity {
                aDot.update(from: zDot, count: rows * layer.outputs)
                layer.activation.multiplyByDerivative(
                    aDot, preactivation: workspace.preactivation(l), value: workspace.value(l),
                    count: rows * layer.outputs)
            }
            x = UnsafePointer(aDot)
        }
    }

    /// The derivative along an input direction of the vector-Jacobian product: at the input(s) `x`
    /// of the last forward pass, with output cotangent `v` and input tangent `u` (both per row),
    /// adds `d/dε [vᵀ ∂f/∂θ](x + εu)` to `parameterGradientTangent` and writes
    /// `d/dε [vᵀ ∂f/∂x](x + εu) = ∇ₓ²(vᵀf) u` into `inputCotangentTangent` (each if given);
    /// the ordinary products `vᵀ∂f/∂x` and `vᵀ∂f/∂θ` (+=) come out too if asked for.
    ///
    /// Forward-over-reverse by hand: the tangent pass of ``jvp(_:parameters:into:workspace:)``,
    /// then the backward pass carried with its tangent, `δ = g σ′(z)`,
    /// `δ̇ = ġ σ′(z) + g σ″(z) ż`, `∂̇W = ẋᵀδ + xᵀδ̇`, `ġ_prev = δ̇ Wᵀ`.
    ///
    /// Uses: for a scalar network `H` (`v = 1`) the two outputs are the vector-Jacobian products
    /// of the Hamiltonian field `x ↦ ∇ₓH` with cotangent `u` (Hessians are symmetric and mixed
    /// partials commute), which adjoint training of Hamiltonian networks needs; with `u = v = eᵢ`
    /// summed over `i`, the parameter output is `∇_θ tr(∂f/∂x)`, the gradient of an exact divergence.
    @inlinable
    public func vjpDirectionalDerivative(
        _ outputCotangent: UnsafeBufferPointer<Double>, along inputTangent: UnsafeBufferPointer<Double>,
        parameters: UnsafeBufferPointer<Double>,
        inputCotangent: UnsafeMutableBufferPointer<Double>? = nil,
        accumulatingInto parameterGradient: UnsafeMutableBufferPointer<Double>? = nil,
        inputCotangentTangent: UnsafeMutableBufferPointer<Double>?,
        accumulatingTangentInto parameterGradientTangent: UnsafeMutableBufferPointer<Double>?,
        workspace: MLPWorkspace
    ) {
        checkWorkspace(workspace)
        let rows = workspace.rows
        precondition(
            outputCotangent.count == rows * outputWidth, "the cotangent must match the last forward pass (\(rows) rows)"
        )
        precondition(
            inputTangent.count == rows * inputWidth, "the tangent must match the last forward pass (\(rows) rows)")
        precondition(
            inputCotangent.map { $0.count == rows * inputWidth } ?? true,
            "inputCotangent needs \(rows * inputWidth) entries")
        precondition(
            inputCotangentTangent.map { $0.count == rows * inputWidth } ?? true,
            "inputCotangentTangent needs \(rows * inputWidth) entries")
        precondition(
            parameterGradient.map { $0.count == parameterCount } ?? true, "the gradient needs \(parameterCount) entries"
        )
        precondition(
            parameterGradientTangent.map { $0.count == parameterCount } ?? true,
            "the gradient tangent needs \(parameterCount) entries")
        let p = parameters.baseAddress!
        pushTangent(inputTangent.baseAddress!, parameters: p, workspace: workspace)
        var (g, gDot, spare, spareDot) = workspace.cotangents
        g.update(from: outputCotangent.baseAddress!, count: outputCotangent.count)
        gDot.update(repeating: 0, count: outputCotangent.count)
        let scratch = workspace.transposeScratch
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[l]
            let count = rows * layer.outputs
            layer.activation.propagateSecondOrder(
                cotangent: g, cotangentTangent: gDot, preactivation: workspace.preactivation(l),
                value: workspace.value(l),
                preactivationTangent: workspace.tangentPreactivation(l), count: count)
            let x = UnsafePointer(l > 0 ? workspace.value(l - 1) : workspace.input)
            let xDot = UnsafePointer(l > 0 ? workspace.tangentValue(l - 1) : workspace.tangentInput)
            if let gradient = parameterGradient?.baseAddress {
                layer.backward(
                    rows: rows, x, delta: g, parameters: p, inputCotangent: nil, accumulatingInto: gradient,
                    scratch: scratch)
            }
            if let tangent = parameterGradientTangent?.baseAddress {
                Dense.accumulateRows(gDot, rows: rows, width: layer.outputs, into: tangent + layer.biasOffset)
                let weights = tangent + layer.weightOffset
                Dense.accumulateOuterProducts(
                    RowSource(x, width: layer.inputs), gDot, rows: rows, inputs: layer.inputs, outputs: layer.outputs,
                    into: weights)
                Dense.accumulateOuterProducts(
                    RowSource(xDot, width: layer.inputs), g, rows: rows, inputs: layer.inputs, outputs: layer.outputs,
                    into: weights)
            }
            let target = l > 0 ? spare : inputCotangent?.baseAddress
            let targetDot = l > 0 ? spareDot : inputCotangentTangent?.baseAddress
            if target != nil || targetDot != nil {
                Dense.transpose(p + layer.weightOffset, rows: layer.inputs, columns: layer.outputs, into: scratch)
                for r in 0..<rows {
                    if let target {
                        Dense.affineRow(
                            g + r * layer.outputs, weights: scratch, bias: nil, into: target + r * layer.inputs,
                            inputs: layer.outputs, outputs: layer.inputs)
                    }
                    if let targetDot {
                        Dense.affineRow(
                            gDot + r * layer.outputs, weights: scratch, bias: nil, into: targetDot + r * layer.inputs,
                            inputs: layer.outputs, outputs: layer.inputs)
                    }
                }
            }
            swap(&g, &spare)
            swap(&gDot, &spareDot)
        }
    }
}
