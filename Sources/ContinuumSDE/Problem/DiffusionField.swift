/// The diffusion `g(t, y)` of an SDE `dy = f(t, y) dt + g(t, y) dW`, written in place.
///
/// For diagonal and scalar noise `g` is a vector of `dimension` entries; for general noise it is the
/// `n × m` matrix row-major (see ``NoiseKind``). Implementations must not allocate: schemes call
/// ``evaluate(_:_:_:)`` several times per step.
///
/// A diffusion may also provide the Milstein correction `L¹g`, the derivative of `g` along itself
/// (``derivativeAlongDiffusion(_:_:_:_:)``); the Milstein scheme with exact derivatives needs it,
/// the derivative-free variant does not.
public protocol DiffusionField {
    /// Number of state components `n`.
    var dimension: Int { get }
    /// Writes `g(t, y)` into `g` (`n` entries, or `n · m` for general noise).
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>)
    /// Writes `(L¹g)ᵢ = Σⱼ gⱼ ∂gᵢ/∂yⱼ` into `out` given `g = g(t, y)`, and returns `true`; returns
    /// `false` when the diffusion cannot differentiate itself (the default). For diagonal noise
    /// the Milstein scheme assumes `gᵢ` depends on `yᵢ` only, so this is `gᵢ ∂gᵢ/∂yᵢ`.
    func derivativeAlongDiffusion(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ g: UnsafeBufferPointer<Double>,
        _ out: UnsafeMutableBufferPointer<Double>) -> Bool
    /// Writes `g(t, yₚ)` for `count` states stored one after another (`y[p · n ..< (p + 1) · n]`)
    /// into `g[p · entries ..< (p + 1) · entries]`, `entries` being the size of one diffusion.
    /// Ensembles call it once per step for a block of paths. The default calls
    /// ``evaluate(_:_:_:)`` per state (for a struct the compiler sees, one vector loop); a field
    /// may instead batch the work, e.g. one matrix-matrix product for a neural diffusion.
    func evaluate(_ t: Double, states y: UnsafePointer<Double>, count: Int, into g: UnsafeMutablePointer<Double>, entries: Int)
}

extension DiffusionField {
    public func derivativeAlongDiffusion(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ g: UnsafeBufferPointer<Double>,
        _ out: UnsafeMutableBufferPointer<Double>
    ) -> Bool { false }

    @inlinable @inline(__always)
    public func evaluate(
        _ t: Double, states y: UnsafePointer<Double>, count: Int, into g: UnsafeMutablePointer<Double>, entries: Int
    ) {
        let n = dimension
        for p in 0..<count {
            evaluate(t, UnsafeBufferPointer(start: y + p &* n, count: n),
                     UnsafeMutableBufferPointer(start: g + p &* entries, count: entries))
        }
    }
}

/// A ``DiffusionField`` given by a closure, optionally with the closure of its Milstein
/// correction `L¹g = Σⱼ gⱼ ∂g/∂yⱼ`.
///
/// ```swift
/// // Geometric Brownian motion's diffusion σ y, with L¹g = σ² y.
/// let sigma = 0.3
/// let diffusion = ClosureDiffusion(dimension: 1) { t, y, g in g[0] = sigma * y[0] }
///     derivative: { t, y, g, out in out[0] = sigma * g[0] }
/// ```
public struct ClosureDiffusion: DiffusionField, Sendable {
    /// Time, state, diffusion to fill.
    public typealias Function = @Sendable (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    /// Time, state, `g(t, y)`, `L¹g` to fill.
    public typealias Derivative = @Sendable (
        Double, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>
    ) -> Void

    public let dimension: Int
    @usableFromInline let function: Function
    @usableFromInline let derivative: Derivative?

    /// Wraps `function`, which must write every entry of its third argument.
    public init(dimension: Int, _ function: @escaping Function, derivative: Derivative? = nil) {
        self.dimension = dimension
        self.function = function
        self.derivative = derivative
    }

    @inlinable
    public func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) {
        function(t, y, g)
    }

    @inlinable
    public func derivativeAlongDiffusion(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ g: UnsafeBufferPointer<Double>,
        _ out: UnsafeMutableBufferPointer<Double>
    ) -> Bool {
        guard let derivative else { return false }
        derivative(t, y, g, out)
        return true
    }
}
