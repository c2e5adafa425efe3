import ContinuumODE

/// How the stochastic integral `∫ g dW` is read.
public enum SDEInterpretation: String, Sendable, CaseIterable {
    /// Itô: `g` evaluated at the left end of each step (martingale increments).
    case ito
    /// Stratonovich: `g` evaluated at the midpoint (the ordinary chain rule holds).
    case stratonovich
}

/// The Brownian increments of one step: `ΔW` and the space-time Lévy area `H` per component.
public struct StochasticIncrement {
    /// Signed step `h`.
    public let h: Double
    /// `W(t + h) − W(t)`.
    public let dw: UnsafeBufferPointer<Double>
    /// `H(t, t + h)` (zeros when the scheme does not need it).
    public let area: UnsafeBufferPointer<Double>

    public init(h: Double, dw: UnsafeBufferPointer<Double>, area: UnsafeBufferPointer<Double>) {
        self.h = h
        self.dw = dw
        self.area = area
    }
}

/// Work counters of an SDE solve.
public struct SDEStatistics: Sendable, Equatable {
    /// Evaluations of the drift.
    public var driftEvaluations = 0
    /// Evaluations of the diffusion (and of its derivative, for Milstein).
    public var diffusionEvaluations = 0
    /// Accepted steps.
    public var acceptedSteps = 0
    /// Rejected steps (adaptive solves).
    public var rejectedSteps = 0

    public init() {}

    /// Sums the counters of two solves.
    public static func + (a: SDEStatistics, b: SDEStatistics) -> SDEStatistics {
        var sum = a
        sum.driftEvaluations += b.driftEvaluations
        sum.diffusionEvaluations += b.diffusionEvaluations
        sum.acceptedSteps += b.acceptedSteps
        sum.rejectedSteps += b.rejectedSteps
        return sum
    }
}

/// Tolerances for the embedded error estimate of adaptive schemes.
public struct SDETolerance: Sendable, Equatable {
    public var relative: Double
    public var absolute: Double
    /// Weight `δ` of the drift part `E₁` of the error against the diffusion part `E₂` (Rößler's
    /// estimate is `δ|E₁| + |E₂|`).
    public var driftWeight: Double

    public init(relative: Double = 1e-3, absolute: Double = 1e-3, driftWeight: Double = 1.0 / 6) {
        self.relative = relative
        self.absolute = absolute
        self.driftWeight = driftWeight
    }
}

/// One step of a method for `dy = f dt + g dW`: the driver owns the loop, the Brownian path,
/// step control and saving; a scheme only advances `(t, y)` by one step with given increments.
///
/// Capabilities are declared, so a driver or an adjoint can ask instead of switching on names.
public protocol SDEScheme: Sendable {
    /// Short lowercase identifier, e.g. `"em"`.
    var name: String { get }
    /// The calculus the scheme converges to.
    var interpretation: SDEInterpretation { get }
    /// Nominal strong order on the problems the scheme supports.
    var strongOrder: Double { get }
    /// Whether ``step(_:t:y:increment:into:workspace:statistics:tolerance:)`` returns an error estimate.
    var hasErrorEstimate: Bool { get }
    /// Whether the scheme needs the space-time Lévy area.
    var needsSpaceTimeArea: Bool { get }
    /// Number of `n`-vectors and of diffusion-sized buffers the workspace must hold.
    var workspaceShape: (states: Int, diffusions: Int) { get }
    /// Throws unless the scheme can solve `problem`.
    func validate<F: VectorField, G: DiffusionField>(_ problem: SDEProblem<F, G>) throws(SDEError)
    /// Called once before the first step (schemes that carry state between steps set it up here).
    func start<F: VectorField, G: DiffusionField>(
        _ problem: SDEProblem<F, G>, t: Double, y: UnsafeBufferPointer<Double>, workspace: SDEWorkspace,
        statistics: inout SDEStatistics)
    /// Advances `y` at `t` by `increment.h` into `y1`; returns the scaled error norm (≤ 1 means
    /// acceptable) when `tolerance` is given and the scheme has an estimate, else 0.
    func step<F: VectorField, G: DiffusionField>(
        _ problem: SDEProblem<F, G>, t: Double, y: UnsafeBufferPointer<Double>, increment: StochasticIncrement,
        into y1: UnsafeMutableBufferPointer<Double>, workspace: SDEWorkspace, statistics: inout SDEStatistics,
        tolerance: SDETolerance?) -> Double
}

extension SDEScheme {
    public var hasErrorEstimate: Bool { false }
    public var needsSpaceTimeArea: Bool { false }
    public func start<F: VectorField, G: DiffusionField>(
        _ problem: SDEProblem<F, G>, t: Double, y: UnsafeBufferPointer<Double>, workspace: SDEWorkspace,
        statistics: inout SDEStatistics
    ) {}

    /// Throws unless the noise is diagonal or scalar.
    func requireComponentwiseNoise<F: VectorField, G: DiffusionField>(_ problem: SDEProblem<F, G>) throws(SDEError) {
        guard problem.noise.isComponentwise else {
            throw .unsupported(scheme: name, reason: "it needs diagonal or scalar noise, got \(problem.noise) noise")
        }
    }
}
