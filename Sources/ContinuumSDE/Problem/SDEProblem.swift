import ContinuumODE

/// A stochastic initial value problem `dy = f(t, y) dt + g(t, y) dW`, `y(t0) = y0`, on `[t0, t1]`.
///
/// The drift `f` is a ``VectorField`` and the diffusion `g` a ``DiffusionField``, both in place and
/// allocation-free. Whether `dW` is read in the Itô or the Stratonovich sense is a property of the
/// scheme (``SDEScheme/interpretation``), not of the problem. The span may run backwards
/// (`t1 < t0`): steps are then negative and increments are taken in reversed time.
///
/// ```swift
/// // Geometric Brownian motion dX = μX dt + σX dW.
/// let (mu, sigma) = (0.5, 0.3)
/// let gbm = try SDEProblem(
///     drift: ClosureVectorField(dimension: 1) { _, y, dy in dy[0] = mu * y[0] },
///     diffusion: ClosureDiffusion(dimension: 1) { _, y, g in g[0] = sigma * y[0] },
///     noise: .diagonal, y0: [1], from: 0, to: 1)
/// ```
public struct SDEProblem<Drift: VectorField, Diffusion: DiffusionField> {
    /// The drift `f(t, y)`.
    public var drift: Drift
    /// The diffusion `g(t, y)`.
    public var diffusion: Diffusion
    /// How `g` multiplies `dW`.
    public let noise: NoiseKind
    /// Whether `g` does not depend on `y` (additive noise; required by the SRA schemes).
    public let isAdditive: Bool
    /// The initial state.
    public var y0: [Double]
    /// Initial time.
    public var t0: Double
    /// Final time.
    public var t1: Double

    /// Creates a problem, checking dimensions, finiteness and a non-empty span.
    public init(
        drift: Drift, diffusion: Diffusion, noise: NoiseKind = .diagonal, isAdditive: Bool = false,
        y0: [Double], from t0: Double, to t1: Double
    ) throws(SDEError) {
        guard drift.dimension == y0.count else {
            throw .dimensionMismatch(expected: drift.dimension, actual: y0.count, what: "y0")
        }
        guard diffusion.dimension == y0.count else {
            throw .dimensionMismatch(expected: y0.count, actual: diffusion.dimension, what: "the diffusion")
        }
        if case let .general(m) = noise, m < 1 {
            throw .invalidOption(name: "noise", reason: "general noise needs at least one Brownian component, got \(m)")
        }
        if let bad = y0.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(what: "y0[\(bad)]") }
        guard t0.isFinite else { throw .nonFinite(what: "t0") }
        guard t1.isFinite else { throw .nonFinite(what: "t1") }
        guard t0 != t1 else { throw .emptyTimeSpan(t0: t0) }
        self.drift = drift
        self.diffusion = diffusion
        self.noise = noise
        self.isAdditive = isAdditive
        self.y0 = y0
        self.t0 = t0
        self.t1 = t1
    }

    /// State dimension `n`.
    public var dimension: Int { y0.count }
    /// Number `m` of Brownian components.
    public var brownianDimension: Int { noise.brownianDimension(stateDimension: y0.count) }
    /// `+1` forwards, `-1` backwards.
    public var direction: Double { t1 > t0 ? 1 : -1 }
}

extension SDEProblem where Drift == ClosureVectorField, Diffusion == ClosureDiffusion {
    /// A problem whose drift and diffusion are closures.
    public init(
        y0: [Double], from t0: Double, to t1: Double, noise: NoiseKind = .diagonal, isAdditive: Bool = false,
        drift: @escaping ClosureVectorField.Function, diffusion: @escaping ClosureDiffusion.Function,
        diffusionDerivative: ClosureDiffusion.Derivative? = nil
    ) throws(SDEError) {
        try self.init(
            drift: ClosureVectorField(dimension: y0.count, drift),
            diffusion: ClosureDiffusion(dimension: y0.count, diffusion, derivative: diffusionDerivative),
            noise: noise, isAdditive: isAdditive, y0: y0, from: t0, to: t1)
    }
}

extension SDEProblem: Sendable where Drift: Sendable, Diffusion: Sendable {}
