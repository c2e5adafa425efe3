extension MLP {
    /// Evaluates the network on `input`, one sample (`n₀` values) or a batch (`rows × n₀`,
    /// row-major, `rows ≤ workspace.batchCapacity`), writing `rows × n_L` values into `output`.
    ///
    /// Keeps every layer's `z` and `a` in `workspace` for a following
    /// ``vjp(_:parameters:inputCotangent:accumulatingInto:workspace:)``.
    /// A batch gives bit-for-bit the outputs of its rows evaluated one at a time.
    @inlinable
    public func forward(
        _ input: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
        into output: UnsafeMutableBufferPointer<Double>, workspace: MLPWorkspace
    ) {
        checkWorkspace(workspace)
        let rows = input.count / inputWidth
        precondition(
            rows >= 1 && rows * inputWidth == input.count && rows <= workspace.batchCapacity,
            "input is not rows × \(inputWidth) within the workspace's capacity")
        precondition(output.count == rows * outputWidth, "output needs \(rows * outputWidth) entries")
        precondition(parameters.count == parameterCount, "expected \(parameterCount) parameters")
        let p = parameters.baseAddress!
        workspace.setRows(rows)
        workspace.input.update(from: input.baseAddress!, count: input.count)
        var x = UnsafePointer(workspace.input)
        for l in 0..<layers.count {
            let a = workspace.value(l)
            layers[l].forward(rows: rows, x, parameters: p, preactivation: workspace.preactivation(l), value: a)
            x = UnsafePointer(a)
        }
        if UnsafePointer(output.baseAddress!) != x { output.baseAddress!.update(from: x, count: output.count) }
    }

    /// The vector-Jacobian product at the last forward pass's input(s): given `outputCotangent`
    /// `v` (`rows × n_L`), writes `vᵀ ∂out/∂in` (`rows × n₀`) into `inputCotangent` if given and
    /// **adds** `Σ_rows vᵀ ∂out/∂θ` to `parameterGradient` if given.
    ///
    /// Reads the activations stored in `workspace` by the preceding ``forward(_:parameters:into:workspace:)``
    /// with the same parameters; use
    /// ``valueAndVJP(_:parameters:outputCotangent:output:inputCotangent:accumulatingInto:workspace:)``
    /// to do both in one call.
    @inlinable
    public func vjp(
        _ outputCotangent: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
        inputCotangent: UnsafeMutableBufferPointer<Double>?,
        accumulatingInto parameterGradient: UnsafeMutableBufferPointer<Double>?, workspace: MLPWorkspace
    ) {
        checkWorkspace(workspace)
        let rows = workspace.rows
        precondition(
            outputCotangent.count == rows * outputWidth, "the cotangent must match the last forward pass (\(rows) rows)"
        )
        precondition(
            inputCotangent == nil || inputCotangent!.count == rows * inputWidth,
            "inputCotangent needs \(rows * inputWidth) entries")
        precondition(
            parameterGradient == nil || parameterGradient!.count == parameterCount,
            "the gradient needs \(parameterCount) entries")
        let p = parameters.baseAddress!
        let g = parameterGradient?.baseAddress
        var (delta, spare, _, _) = workspace.cotangents
        delta.update(from: outputCotangent.baseAddress!, count: outputCotangent.count)
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[l]
            layer.activation.multiplyByDerivative(
                delta, preactivation: workspace.preactivation(l), value: workspace.value(l), count: rows * layer.outputs
            )
            let x = l > 0 ? UnsafePointer(workspace.value(l - 1)) : UnsafePointer(workspace.input)
            let target = l > 0 ? spare : inputCotangent?.baseAddress
            layer.backward(
                rows: rows, x, delta: delta, parameters: p, inputCotangent: target, accumulatingInto: g,
                scratch: workspace.transposeScratch)
            swap(&delta, &spare)
        }
    }

    /// ``forward(_:parameters:into:workspace:)`` followed by
    /// ``vjp(_:parameters:inputCotangent:accumulatingInto:workspace:)``:
    /// the value (if `output` is given) and the vector-Jacobian product at `input`.
    @inlinable
    public func valueAndVJP(
        _ input: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
        outputCotangent: UnsafeBufferPointer<Double>, output: UnsafeMutableBufferPointer<Double>? = nil,
        inputCotangent: UnsafeMutableBufferPointer<Double>?,
        accumulatingInto parameterGradient: UnsafeMutableBufferPointer<Double>?, workspace: MLPWorkspace
    ) {
        let rows = input.count / inputWidth
        let last = workspace.value(layers.count - 1)
        forward(
            input, parameters: parameters, into: UnsafeMutableBufferPointer(start: last, count: rows * outputWidth),
            workspace: workspace)
        if let output { output.baseAddress!.update(from: last, count: output.count) }
        vjp(
            outputCotangent, parameters: parameters, inputCotangent: inputCotangent,
            accumulatingInto: parameterGradient, workspace: workspace)
    }
}
