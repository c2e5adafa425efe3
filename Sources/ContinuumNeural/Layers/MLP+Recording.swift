extension MLP {
    /// Values per sample that ``forward(_:parameters:into:workspace:recordingInto:)`` keeps for a
    /// later ``vjp(recorded:rows:outputCotangent:parameters:inputCotangent:accumulatingInto:workspace:)``:
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

    /// ``forward(_:parameters:into:workspace:)``, then copies each row's ``recordWidth`` values
    /// into `record` (row-major, `rows × recordWidth`), so the VJP at these inputs can run later,
    /// after other forward passes, without recomputing this one.
    @inlinable
    public func forward(
        _ input: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
        into output: UnsafeMutableBufferPointer<Double>, workspace: MLPWorkspace,
        recordingInto record: UnsafeMutablePointer<Double>
    ) {
        forward(input, parameters: parameters, into: output, workspace: workspace)
        moveRecord(rows: workspace.rows, record, workspace: workspace, saving: true)
    }

    /// The vector-Jacobian product at the inputs whose forward pass was recorded in `record`
    /// (`rows × recordWidth`, possibly gathered from several forward passes): as
    /// ``vjp(_:parameters:inputCotangent:accumulatingInto:workspace:)`` after restoring them.
    @inlinable
    public func vjp(
        recorded record: UnsafePointer<Double>, rows: Int, outputCotangent: UnsafeBufferPointer<Double>,
        parameters: UnsafeBufferPointer<Double>, inputCotangent: UnsafeMutableBufferPointer<Double>?,
        accumulatingInto parameterGradient: UnsafeMutableBufferPointer<Double>?, workspace: MLPWorkspace
    ) {
        checkWorkspace(workspace)
        precondition(rows >= 1 && rows <= workspace.batchCapacity, "rows exceed the workspace's capacity")
        workspace.setRows(rows)
        moveRecord(rows: rows, UnsafeMutablePointer(mutating: record), workspace: workspace, saving: false)
        vjp(
            outputCotangent, parameters: parameters, inputCotangent: inputCotangent,
            accumulatingInto: parameterGradient, workspace: workspace)
    }

    /// Copies the recorded buffers of `rows` rows between `workspace` (layer-major) and `record`
    /// (row-major): into `record` when `saving`, back into the workspace otherwise.
    @inlinable
    func moveRecord(rows: Int, _ record: UnsafeMutablePointer<Double>, workspace: MLPWorkspace, saving: Bool) {
        let width = recordWidth
        func move(_ buffer: UnsafeMutablePointer<Double>, columns: Int, offset: Int) {
            for r in 0..<rows {
                let inWorkspace = buffer + r * columns
                let inRecord = record + r * width + offset
                if saving {
                    inRecord.update(from: inWorkspace, count: columns)
                } else {
                    inWorkspace.update(from: inRecord, count: columns)
                }
            }
        }
        var offset = 0
        move(workspace.input, columns: inputWidth, offset: offset)
        offset += inputWidth
        for l in layers.indices {
            let (z, a) = recordsLayer(l)
            let width = layers[l].outputs
            if z {
                move(workspace.preactivation(l), columns: width, offset: offset)
                offset += width
            }
            if a {
                move(workspace.value(l), columns: width, offset: offset)
                offset += width
            }
        }
    }
}
