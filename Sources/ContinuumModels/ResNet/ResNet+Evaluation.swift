import ContinuumNeural

extension ResNet {
    /// The logits (`rows × outputWidth`) of a batch of inputs (`rows × inputWidth`, row-major,
    /// `rows ≤ workspace.batchCapacity`): lift, the `N` blocks, the head. Keeps the states a
    /// following ``backward(_:parameters:accumulatingInto:workspace:)`` needs. Allocates nothing.
    @inlinable
    public func forward(
        _ input: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
        into output: UnsafeMutableBufferPointer<Double>, workspace w: ResNetWorkspace
    ) {
        let rows = input.count / inputWidth
        precondition(
            rows >= 1 && rows * inputWidth == input.count && rows <= w.batchCapacity && w.depth == depth,
            "input is not rows × \(inputWidth) within the workspace's capacity, or the workspace is for another depth")
        precondition(output.count == rows * outputWidth, "output needs \(rows * outputWidth) entries")
        precondition(parameters.count == parameterCount, "expected \(parameterCount) parameters")
        let p = parameters.baseAddress!
        w.setRows(rows)
        w.input.update(from: input.baseAddress!, count: input.count)
        let x0 = w.state(0)
        if let lift {
            lift.forward(rows: rows, UnsafePointer(w.input), parameters: p, preactivation: x0, value: x0)
        } else {
            x0.update(repeating: 0, count: rows * width)
            for r in 0..<rows {
                for i in 0..<inputWidth { x0[r * width + i] = w.input[r * inputWidth + i] }
            }
        }
        propagate(rows: rows, parameters: p, workspace: w)
        let out = output.baseAddress!
        head.forward(rows: rows, UnsafePointer(w.state(depth)), parameters: p, preactivation: out, value: out)
    }

    /// Back-propagation through the last forward pass: adds `vᵀ ∂logits/∂θ` for the output
    /// cotangent `v` (`rows × outputWidth`, e.g. `∂loss/∂logits`) to `gradient`.
    @inlinable
    public func backward(
        _ outputCotangent: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
        accumulatingInto gradient: UnsafeMutableBufferPointer<Double>, workspace w: ResNetWorkspace
    ) {
        let rows = w.rows
        precondition(outputCotangent.count == rows * outputWidth, "the cotangent must match the last forward pass")
        precondition(parameters.count == parameterCount && gradient.count == parameterCount)
        let p = parameters.baseAddress!
        let g = gradient.baseAddress!
        head.backward(
            rows: rows, UnsafePointer(w.state(depth)), delta: outputCotangent.baseAddress!, parameters: p,
            inputCotangent: w.stateCotangent, accumulatingInto: g, scratch: w.transposeScratch)
        backpropagate(rows: rows, parameters: p, gradient: g, workspace: w)
        lift?.backward(
            rows: rows, UnsafePointer(w.input), delta: w.stateCotangent, parameters: p, inputCotangent: nil,
            accumulatingInto: g, scratch: w.transposeScratch)
    }

    /// The blocks alone: the features `x_N` (`rows × width`) reached from `x₀` — the flow map of
    /// the scheme over `[0, T]` with `N` steps.
    @inlinable
    public func flow(
        _ features: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
        into output: UnsafeMutableBufferPointer<Double>, workspace w: ResNetWorkspace
    ) {
        let rows = features.count / width
        precondition(rows >= 1 && rows * width == features.count && rows <= w.batchCapacity && w.depth == depth)
        precondition(output.count == features.count && parameters.count == parameterCount)
        w.setRows(rows)
        w.state(0).update(from: features.baseAddress!, count: features.count)
        propagate(rows: rows, parameters: parameters.baseAddress!, workspace: w)
        output.baseAddress!.update(from: w.state(depth), count: output.count)
    }

    /// `x̄₀ = vᵀ ∂x_N/∂x₀` for the last ``flow(_:parameters:into:workspace:)``, adding
    /// `vᵀ ∂x_N/∂θ` to `gradient` if given.
    @inlinable
    public func flowVJP(
        _ cotangent: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
        into featureCotangent: UnsafeMutableBufferPointer<Double>,
        accumulatingInto gradient: UnsafeMutableBufferPointer<Double>? = nil, workspace w: ResNetWorkspace
    ) {
        precondition(cotangent.count == w.rows * width && featureCotangent.count == cotangent.count)
        w.stateCotangent.update(from: cotangent.baseAddress!, count: cotangent.count)
        backpropagate(
            rows: w.rows, parameters: parameters.baseAddress!, gradient: gradient?.baseAddress, workspace: w)
        featureCotangent.baseAddress!.update(from: w.stateCotangent, count: cotangent.count)
    }

    /// The Jacobian `∂x_N/∂x₀` (`width × width`, row-major) of the blocks at one feature vector,
    /// exact: each row is a ``flowVJP(_:parameters:into:accumulatingInto:workspace:)`` with a unit
    /// cotangent.
    public func flowJacobian(at features: [Double], parameters: [Double], workspace w: ResNetWorkspace) -> [Double] {
        precondition(features.count == width)
        var jacobian = [Double](repeating: 0, count: width * width)
        var output = [Double](repeating: 0, count: width)
        var unit = [Double](repeating: 0, count: width)
        parameters.withUnsafeBufferPointer { p in
            features.withUnsafeBufferPointer { x in
                output.withUnsafeMutableBufferPointer { flow(x, parameters: p, into: $0, workspace: w) }
            }
            for row in 0..<width {
                unit[row] = 1
                unit.withUnsafeBufferPointer { u in
                    jacobian.withUnsafeMutableBufferPointer { j in
                        let target = UnsafeMutableBufferPointer(rebasing: j[(row * width)..<((row + 1) * width)])
                        flowVJP(u, parameters: p, into: target, workspace: w)
                    }
                }
                unit[row] = 0
            }
        }
        return jacobian
    }
}
