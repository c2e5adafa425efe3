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
        weightOffset = layout.append("\(name).weight", kind: .weight, count: inputs * outputs, fanIn: inputs, fanOut: outputs)
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
        let w = parameters + weightOffset, b = parameters + biasOffset
        for r in 0..<rows {
            let xr = x + r * inputs, zr = z + r * outputs
            zr.update(from: b, count: outputs)
            for i in 0..<inputs {
                let xi = xr[i], wi = w + i * outputs
                for o in 0..<outputs { zr[o] += xi * wi[o] }
            }
        }
        activation.apply(z, to: a, count: rows * outputs)
    }

    /// Back-propagates `delta = ∂L/∂z` (already multiplied by `σ′(z)`, `rows × outputs`): adds
    /// `xᵀ δ` to the weight gradient and `Σ_rows δ` to the bias gradient (skipped when
    /// `gradient` is nil), and writes `δ Wᵀ` (`rows × inputs`) into `inputCotangent` if given.
    @inlinable
    public func backward(
        rows: Int, _ x: UnsafePointer<Double>, delta: UnsafePointer<Double>, parameters: UnsafePointer<Double>,
        inputCotangent: UnsafeMutablePointer<Double>?, accumulatingInto gradient: UnsafeMutablePointer<Double>?
    ) {
        let w = parameters + weightOffset
        for r in 0..<rows {
            let xr = x + r * inputs, dr = delta + r * outputs
            if let gradient {
                let gw = gradient + weightOffset, gb = gradient + biasOffset
                for o in 0..<outputs { gb[o] += dr[o] }
                for i in 0..<inputs {
                    let xi = xr[i], gwi = gw + i * outputs
                    for o in 0..<outputs { gwi[o] += xi * dr[o] }
                }
            }
            if let inputCotangent {
                let gxr = inputCotangent + r * inputs
                for i in 0..<inputs { gxr[i] = Self.dot(w + i * outputs, dr, count: outputs) }
            }
        }
    }

    /// `Σ uₖ vₖ` with four interleaved partial sums (shorter dependency chains than one sum).
    @inlinable
    static func dot(_ u: UnsafePointer<Double>, _ v: UnsafePointer<Double>, count: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var k = 0
        while k + 4 <= count {
            s0 += u[k] * v[k]
            s1 += u[k + 1] * v[k + 1]
            s2 += u[k + 2] * v[k + 2]
            s3 += u[k + 3] * v[k + 3]
            k += 4
        }
        while k < count {
            s0 += u[k] * v[k]
            k += 1
        }
        return (s0 + s2) + (s1 + s3)
    }
}
