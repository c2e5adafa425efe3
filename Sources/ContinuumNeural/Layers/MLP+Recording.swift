extension MLP {
    /// Values per sample that ``forward(_:parameters:into:workspace:recordingRowsInto:)`` keeps for a
    /// later ``vjp(recordedRows:rows:outputCotangent:parameters:inputCotangent:accumulatingInto:workspace:)``:
    /// the input, and per layer what its backward pass reads — the activation `a` when it feeds the
    /// next layer or `σ′` is a function of `a` (tanh, sigmoid), the pre-activation `z` when `σ′`
    /// needs it. For `2 → 50 → tanh → 2` that is `2 + 50` values.
    public var recordWidth: Int {
        var width = inputWidth
        for l in layers.indices {
            let (z, a) = recordsLayer(l)
            width += (z ? layers[l].outputs : 0) + (a ? layers[l].outputs : 0)
        }
        return width
    }

    /// Whether layer `l`'s `z` and `a` are recorded.
    @inlinable
    func recordsLayer(_ l: Int) -> (z: Bool, a: Bool) {
        let activation = layers[l].activation
        let last = l == layers.count - 1
        switch activation {
        case .identity: return (false, !last)
        case .tanh, .sigmoid: return (false, true)
        default: return (true, true)
        }
    }

    /// ``forward(_:parameters:into:workspace:)``, also storing (if `records` is given) each row's
    /// ``recordWidth`` values in `records[r]`, so the VJP at these inputs can run later, after
    /// other forward passes, without recomputing this one.
    @inlinable
    public func forward(
        _ input: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
        into output: UnsafeMutableBufferPointer<Double>, workspace: MLPWorkspace,
        recordingRowsInto records: UnsafePointer<UnsafeMutablePointer<Double>>?
    ) {
        guard let records else {
            forward(input, parameters: parameters, into: output, workspace: workspace)
            return
        }
        evaluate(
            input.baseAddress!, rows: checkedRows(input, parameters, output, workspace),
            parameters: parameters.baseAddress!, into: output.baseAddress!, workspace: workspace, records: records)
    }

    /// The vector-Jacobian product at the inputs whose forward passes were recorded (row `r` in
    /// `records[r]`, possibly from different forward passes): what
    /// ``vjp(_:parameters:inputCotangent:accumulatingInto:workspace:)`` would give after restoring
    /// them into the workspace, bit for bit, with the recorded buffers read where they lie.
    @inlinable
    public func vjp(
        recordedRows records: UnsafePointer<UnsafePointer<Double>>, rows: Int,
        outputCotangent: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
        inputCotangent: UnsafeMutableBufferPointer<Double>?,
        accumulatingInto parameterGradient: UnsafeMutableBufferPointer<Double>?, workspace: MLPWorkspace
    ) {
        checkWorkspace(workspace)
        precondition(rows >= 1 && rows <= workspace.batchCapacity, "rows exceed the workspace's capacity")
        workspace.setRows(rows)
        precondition(outputCotangent.count == rows * outputWidth, "the cotangent needs \(rows * outputWidth) entries")
        backpropagateChecked(
            outputCotangent, rows: rows, parameters: parameters, inputCotangent: inputCotangent,
            accumulatingInto: parameterGradient, workspace: workspace, records: records)
    }
}
