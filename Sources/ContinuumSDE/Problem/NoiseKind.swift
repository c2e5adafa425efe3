/// How the diffusion `g(t, y)` of `dy = f dt + g dW` couples the state to the Brownian motion.
///
/// With state dimension `n` and `m` Brownian components:
///
/// - ``diagonal``: `m = n`, `g` is a vector and `dyᵢ = … + gᵢ dWᵢ` (each component has its own noise);
/// - ``scalar``: `m = 1`, `g` is a vector and `dyᵢ = … + gᵢ dW` (one noise drives every component);
/// - ``general(brownianDimension:)``: `g` is an `n × m` matrix stored row-major and `dy = … + g dW`.
///
/// Whether the noise is *additive* (`g` independent of `y`) is declared on the problem
/// (``SDEProblem/isAdditive``); it is what the SRA schemes require.
public enum NoiseKind: Sendable, Equatable, CustomStringConvertible {
    case diagonal
    case scalar
    case general(brownianDimension: Int)

    /// Number `m` of Brownian components for a state of dimension `n`.
    @inlinable
    public func brownianDimension(stateDimension n: Int) -> Int {
        switch self {
        case .diagonal: return n
        case .scalar: return 1
        case let .general(m): return m
        }
    }

    /// Number of entries the diffusion writes: `n` for diagonal and scalar noise, `n · m` otherwise.
    @inlinable
    public func diffusionCount(stateDimension n: Int) -> Int {
        switch self {
        case .diagonal, .scalar: return n
        case let .general(m): return n * m
        }
    }

    public var description: String {
        switch self {
        case .diagonal: return "diagonal"
        case .scalar: return "scalar"
        case let .general(m): return "general (m = \(m))"
        }
    }
}

extension NoiseKind {
    /// Adds `scale · g · v` to `y`, where `v` has one entry per Brownian component: `gᵢ vᵢ`
    /// (diagonal), `gᵢ v₀` (scalar), or the matrix-vector product (general).
    @inlinable
    public func addProduct(
        _ g: UnsafePointer<Double>, _ v: UnsafePointer<Double>, scale: Double,
        to y: UnsafeMutablePointer<Double>, stateDimension n: Int
    ) {
        switch self {
        case .diagonal:
            for i in 0..<n { y[i] += scale * g[i] * v[i] }
        case .scalar:
            let s = scale * v[0]
            for i in 0..<n { y[i] += s * g[i] }
        case let .general(m):
            for i in 0..<n {
                var sum = 0.0
                for j in 0..<m { sum += g[i * m + j] * v[j] }
                y[i] += scale * sum
            }
        }
    }

    /// The Brownian component driving state component `i` (diagonal and scalar noise only).
    @inlinable
    public func brownianIndex(ofComponent i: Int) -> Int {
        switch self {
        case .scalar: return 0
        default: return i
        }
    }

    /// Whether each state component is driven by one Brownian component (diagonal or scalar noise).
    public var isComponentwise: Bool {
        if case .general = self { return false }
        return true
    }
}
