/// A fully connected layer `a = σ(z)`, `z = x W + b`, reading its weights and bias from a flat
/// parameter vector.
///
/// `W` is stored input-major: `W[i, o]` (input `i`, output `o`) at `weightOffset + i · outputs + o`,
/// followed by `b` at `biasOffset = weightOffset + inputs · outputs`. With this order the forward
/// pass (`z += xᵢ W[i, :]`) and the weight gradient (`∂W[i, :] += xᵢ δ`) both run along contiguous
/// rows and vectorise; only the input cotangent is a dot product.
///
/// All kernels act on `rows` samples stored row-major (`rows × inputs` in, `rows × outputs` out)
/// and treat each row with exactly the same operations in the same order, so a batch gives
/// bit-for-bit the results of its rows one at a time.
public struct Dense: Sendable, Hashable {
    /// Input width.
    public let inputs: Int
    /// Output width.
    public let outputs: Int
    /// The activation applied to `z`.
    public let activation: Activation
    /// Offset of `W` in the parameter vector.
    public let weightOffset: Int
    /// Offset of `b` in the parameter vector.
    public let biasOffset: Int

    /// A layer whose parameters are appended to `layout` as `"\(name).weight"` and `"\(name).bias"`.
    public init(inputs: Int, outputs: Int, activation: Activation, name: String, layout: inout ParameterLayout) {
        self.inputs = inputs
        self.outputs = outputs
        self.activation = activation
        weightOffset = layout.append(
            "\(name).weight", kind: .weight, count: inputs * outputs, fanIn: inputs, fanOut: outputs)
        biasOffset = layout.append("\(name).bias", kind: .bias, count: outputs, fanIn: inputs, fanOut: outputs)
    }

    /// Number of parameters, `inputs · outputs + outputs`.
    public var parameterCount: Int { inputs * outputs + outputs }

    /// `z = x W + b` and `a = σ(z)` for `rows` rows (`a` may equal `z` when `σ` is the identity).
    @inlinable
    public func forward(
        rows: Int, _ x: UnsafePointer<Double>, parameters: UnsafePointer<Double>,
        preactivation z: UnsafeMutablePointer<Double>, value a: UnsafeMutablePointer<Double>
    ) {
        let w = parameters + weightOffset
        let b = parameters + biasOffset
        Self.affineRows(x, rows: rows, weights: w, bias: b, into: z, inputs: inputs, outputs: outputs)
        activation.apply(z, to: a, count: rows * outputs)
    }

    /// Back-propagates `delta = ∂L/∂z` (already multiplied by `σ′(z)`, `rows × outputs`): adds
    /// `xᵀ δ` to the weight gradient and `Σ_rows δ` to the bias gradient (skipped when
    /// `gradient` is nil), and writes `δ Wᵀ` (`rows × inputs`) into `inputCotangent` if given.
    ///
    /// `scratch` (at least `inputs · outputs` values) receives `Wᵀ`, so the input cotangent is
    /// the same register-blocked kernel as the forward pass instead of one dot product per entry
    /// (a layer with two inputs reads the two rows of `W` as the columns of `Wᵀ` directly).
    @inlinable
    public func backward(
        rows: Int, _ x: UnsafePointer<Double>, delta: UnsafePointer<Double>, parameters: UnsafePointer<Double>,
        inputCotangent: UnsafeMutablePointer<Double>?, accumulatingInto gradient: UnsafeMutablePointer<Double>?,
        scratch: UnsafeMutablePointer<Double>
    ) {
        backward(
            rows: rows, RowSource(x, width: inputs), delta: delta, parameters: parameters,
            inputCotangent: inputCotangent, accumulatingInto: gradient, scratch: scratch)
    }

    /// ``backward(rows:_:delta:parameters:inputCotangent:accumulatingInto:scratch:)`` with the
    /// rows of `x` wherever they lie (e.g. in recorded forward passes).
    @inlinable
    func backward(
        rows: Int, _ x: RowSource, delta: UnsafePointer<Double>, parameters: UnsafePointer<Double>,
        inputCotangent: UnsafeMutablePointer<Double>?, accumulatingInto gradient: UnsafeMutablePointer<Double>?,
        scratch: UnsafeMutablePointer<Double>
    ) {
        if let gradient {
            Self.accumulateRows(delta, rows: rows, width: outputs, into: gradient + biasOffset)
            Self.accumulateOuterProducts(
                x, delta, rows: rows, inputs: inputs, outputs: outputs, into: gradient + weightOffset)
        }
        guard let inputCotangent else { return }
        let w = parameters + weightOffset
        if inputs == 2 {
            // The two columns of Wᵀ are the two rows of W.
            let n = outputs
            Self.narrowRows(
                delta, rows: rows, inputs: n, columns: { (Self.load2(w + $0), Self.load2(w + (n &+ $0))) },
                last: { SIMD2(w[$0], w[n &+ $0]) }, bias: nil, into: inputCotangent)
        } else {
            Self.transpose(w, rows: inputs, columns: outputs, into: scratch)
            Self.affineRows(
                delta, rows: rows, weights: scratch, bias: nil, into: inputCotangent, inputs: outputs, outputs: inputs)
        }
    }
}
