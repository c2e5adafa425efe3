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
        backpropagate(
            outputCotangent.baseAddress!, rows: rows, parameters: parameters.baseAddress!,
            inputCotangent: inputCotangent?.baseAddress, accumulatingInto: parameterGradient?.baseAddress,
            workspace: workspace, records: nil)
    }

    /// The reverse sweep of ``vjp(_:parameters:inputCotangent:accumulatingInto:workspace:)``,
    /// reading each layer's input, `z` and `a` from `workspace`, or, where `records` is given,
    /// the recorded ones from the records (row `r` at `records[r]`, laid out as
    /// ``recordWidth`` describes) without copying them back.
    @inlinable
    func backpropagate(
        _ outputCotangent: UnsafePointer<Double>, rows: Int, parameters p: UnsafePointer<Double>,
        inputCotangent: UnsafeMutablePointer<Double>?, accumulatingInto g: UnsafeMutablePointer<Double>?,
        workspace: MLPWorkspace, records: UnsafePointer<UnsafePointer<Double>>?
    ) {
        var (delta, spare, _, _) = workspace.cotangents
        delta.update(from: outputCotangent, count: rows * outputWidth)
        // Record offsets of the layers' z and a (-1: not recorded), walked from the input's.
        var offsets = recordWidth
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[l]
            let width = layer.outputs
            let (zRecorded, aRecorded) = recordsLayer(l)
            let aOffset = aRecorded ? offsets - width : -1
            offsets -= aRecorded ? width : 0
            let zOffset = zRecorded ? offsets - width : -1
            offsets -= zRecorded ? width : 0
            let z = RowSource(workspace.preactivation(l), width: width, records: records, offset: zOffset)
            let a = RowSource(workspace.value(l), width: width, records: records, offset: aOffset)
            if z.isContiguous && a.isContiguous {
                layer.activation.multiplyByDerivative(delta, preactivation: z.base, value: a.base, count: rows * width)
            } else if !layer.activation.isIdentity {
                for r in 0..<rows {
                    layer.activation.multiplyByDerivative(
                        delta + r &* width, preactivation: z[r], value: a[r], count: width)
                }
            }
            let x: RowSource
            if l > 0 {
                let (_, inputRecorded) = recordsLayer(l - 1)
                x = RowSource(
                    workspace.value(l - 1), width: layer.inputs, records: records,
                    offset: inputRecorded ? offsets - layer.inputs : -1)
            } else {
                x = RowSource(workspace.input, width: inputWidth, records: records, offset: 0)
            }
            layer.backward(
                rows: rows, x, delta: delta, parameters: p, inputCotangent: l > 0 ? spare : inputCotangent,
                accumulatingInto: g, scratch: workspace.transposeScratch)
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
