import ContinuumNumerics

/// How to draw the initial values of a parameter block from its fan-in `nᵢ` and fan-out `nₒ`.
///
/// | case | distribution |
/// |---|---|
/// | `zeros`, `constant(c)` | the constant |
/// | `uniform(bound: b)` | `U(−b, b)` |
/// | `normal(standardDeviation: s)` | `N(0, s²)` |
/// | `glorotUniform` | `U(−b, b)`, `b = √(6 / (nᵢ + nₒ))` (variance `2 / (nᵢ + nₒ)`) |
/// | `glorotNormal` | `N(0, 2 / (nᵢ + nₒ))` |
/// | `heUniform` | `U(−b, b)`, `b = √(6 / nᵢ)` (variance `2 / nᵢ`, for ReLU) |
/// | `heNormal` | `N(0, 2 / nᵢ)` |
/// | `pyTorchLinear` | `U(−b, b)`, `b = 1/√nᵢ` |
///
/// `pyTorchLinear` is PyTorch's `nn.Linear` default for both weights (Kaiming uniform with `a = √5`) and biases.
///
/// Glorot and He normals are untruncated.
public enum Initializer: Sendable, Hashable {
    case zeros
    case constant(Double)
    case uniform(bound: Double)
    case normal(standardDeviation: Double)
    case glorotUniform, glorotNormal, heUniform, heNormal, pyTorchLinear

    /// Fills `buffer` with draws from `stream`, in order.
    public func fill(_ buffer: UnsafeMutableBufferPointer<Double>, fanIn: Int, fanOut: Int, stream: inout RandomStream)
    {
        let nIn = Double(Swift.max(fanIn, 1))
        let nOut = Double(Swift.max(fanOut, 1))
        switch self {
        case .zeros: buffer.update(repeating: 0)
        case .constant(let c): buffer.update(repeating: c)
        case .uniform(let bound): Self.fillUniform(buffer, bound: bound, stream: &stream)
        case .normal(let s): Self.fillNormal(buffer, standardDeviation: s, stream: &stream)
        case .glorotUniform: Self.fillUniform(buffer, bound: (6 / (nIn + nOut)).squareRoot(), stream: &stream)
        case .glorotNormal: Self.fillNormal(buffer, standardDeviation: (2 / (nIn + nOut)).squareRoot(), stream: &stream)
        case .heUniform: Self.fillUniform(buffer, bound: (6 / nIn).squareRoot(), stream: &stream)
        case .heNormal: Self.fillNormal(buffer, standardDeviation: (2 / nIn).squareRoot(), stream: &stream)
        case .pyTorchLinear: Self.fillUniform(buffer, bound: 1 / nIn.squareRoot(), stream: &stream)
        }
    }

    /// The variance of one draw for the given fans (0 for constants).
    public func variance(fanIn: Int, fanOut: Int) -> Double {
        let nIn = Double(Swift.max(fanIn, 1))
        let nOut = Double(Swift.max(fanOut, 1))
        switch self {
        case .zeros, .constant: return 0
        case .uniform(let bound): return bound * bound / 3
        case .normal(let s): return s * s
        case .glorotUniform, .glorotNormal: return 2 / (nIn + nOut)
        case .heUniform, .heNormal: return 2 / nIn
        case .pyTorchLinear: return 1 / (3 * nIn)
        }
    }

    static func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>, bound: Double, stream: inout RandomStream) {
        for i in buffer.indices { buffer[i] = bound * (2 * stream.nextUniform() - 1) }
    }

    static func fillNormal(
        _ buffer: UnsafeMutableBufferPointer<Double>, standardDeviation: Double, stream: inout RandomStream
    ) {
        stream.fillNormals(buffer)
        for i in buffer.indices { buffer[i] *= standardDeviation }
    }
}
