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
        evaluate(
            input.baseAddress!, rows: checkedRows(input, parameters, output, workspace),
            parameters: parameters.baseAddress!, into: output.baseAddress!, workspace: workspace, records: nil)
    }

    /// The rows of a forward pass, after checking the shapes of its arguments.
    @inlinable
    func checkedRows(
        _ input: UnsafeBufferPointer<Double>, _ parameters: UnsafeBufferPointer<Double>,
        _ output: UnsafeMutableBufferPointer<Double>, _ workspace: MLPWorkspace
    ) -> Int {
        checkWorkspace(workspace)
        let rows = input.count / inputWidth
        precondition(
            rows >= 1 && rows * inputWidth == input.count && rows <= workspace.batchCapacity,
            "input is not rows × \(inputWidth) within the workspace's capacity")
        precondition(output.count == rows * outputWidth, "output needs \(rows * outputWidth) entries")
        precondition(parameters.count == parameterCount, "expected \(parameterCount) parameters")
        return rows
    }

    /// The layers of ``forward(_:parameters:into:workspace:)`` on `rows` checked rows; with
    /// `records`, each row's ``recordWidth`` values also go to `records[r]`, the activations of
    /// tanh layers stored there by the activation kernel itself as it writes the workspace.
    @inlinable
    func evaluate(
        _ input: UnsafePointer<Double>, rows: Int, parameters p: UnsafePointer<Double>,
        into output: UnsafeMutablePointer<Double>, workspace: MLPWorkspace,
        records: UnsafePointer<UnsafeMutablePointer<Double>>?
    ) {
        workspace.setRows(rows)
        workspace.input.update(from: input, count: rows * inputWidth)
        var offset = 0
        if let records { Self.copyRows(workspace.input, rows: rows, width: inputWidth, into: records, at: &offset) }
        var x = UnsafePointer(workspace.input)
        for l in 0..<layers.count {
            let layer = layers[l]
            let width = layer.outputs
            let z = workspace.preactivation(l)
            let a = workspace.value(l)
            Dense.affineRows(
                x, rows: rows, weights: p + layer.weightOffset, bias: p + layer.biasOffset, into: z,
                inputs: layer.inputs, outputs: width)
            if let records {
                let (zRecorded, aRecorded) = recordsLayer(l)
                if zRecorded { Self.copyRows(z, rows: rows, width: width, into: records, at: &offset) }
                if aRecorded && layer.activation == .tanh {
                    for r in 0..<rows {
                        Activation.applyTanh(z + r &* width, to: a + r &* width, count: width, copyingTo: records[r] + offset)
                    }
                    offset &+= width
                } else {
                    layer.activation.apply(z, to: a, count: rows * width)
                    if aRecorded { Self.copyRows(a, rows: rows, width: width, into: records, at: &offset) }
                }
            } else {
                layer.activation.apply(z, to: a, count: rows * width)
            }
            x = UnsafePointer(a)
        }
        if UnsafePointer(output) != x { output.update(from: x, count: rows * outputWidth) }
    }

    /// Copies the rows of `buffer` (`rows × width`) to `records[r] + offset` and advances `offset`.
    @inlinable
    static func copyRows(
        _ buffer: UnsafePointer<Double>, rows: Int, width: Int, into records: UnsafePointer<UnsafeMutablePointer<Double>>,
        at offset: inout Int
    ) {
        for r in 0..<rows {
            let source = buffer + r &* width
            let destination = records[r] + offset
            var k = 0
            while k &+ 2 <= width {
                Dense.store2(Dense.load2(source + k), destination + k)
                k &+= 2
            }
            if k < width { destination[k] = source[k] }
        }
        offset &+= width
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
        backpropagateChecked(
            outputCotangent, rows: rows, parameters: parameters, inputCotangent: inputCotangent,
            accumulatingInto: parameterGradient, workspace: workspace, records: nil)
    }

    /// Checks the sizes of the input cotangent and the gradient, then runs ``backpropagate``.
    @inlinable
    func backpropagateChecked(
        _ outputCotangent: UnsafeBufferPointer<Double>, rows: Int, parameters: UnsafeBufferPointer<Double>,
        inputCotangent: UnsafeMutableBufferPointer<Double>?,
        accumulatingInto parameterGradient: UnsafeMutableBufferPointer<Double>?, workspace: MLPWorkspace,
        records: UnsafePointer<UnsafePointer<Double>>?
    ) {
        precondition(
            inputCotangent == nil || inputCotangent!.count == rows * inputWidth,
            "inputCotangent needs \(rows * inputWidth) entries")
        precondition(
            parameterGradient == nil || parameterGradient!.count == parameterCount,
            "the gradient needs \(parameterCount) entries")
        backpropagate(
            outputCotangent.baseAddress!, rows: rows, parameters: parameters.baseAddress!,
            inputCotangent: inputCotangent?.baseAddress, accumulatingInto: parameterGradient?.baseAddress,
            workspace: workspace, records: records)
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
