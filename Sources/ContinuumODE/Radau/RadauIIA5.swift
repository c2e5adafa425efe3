import ContinuumNumerics

/// The three-stage Radau IIA method of order 5, as in Hairer & Wanner's RADAU5 (*Solving ODEs II*,
/// IV.8): an L-stable, stiffly accurate collocation method for stiff problems.
///
/// ```swift
/// let solution = try solve(problem, with: .radau5, options: SolverOptions(relativeTolerance: 1e-8))
/// print(solution.statistics.jacobianEvaluations, solution.statistics.factorizations)
/// ```
///
/// Each step solves the collocation equations `Z = h (A ⊗ I) F(Z)` by a simplified Newton
/// iteration, transformed with the eigenvectors of `A⁻¹` into one real `n × n` system
/// (`γ/h − J`) and one complex `n × n` system (`(α + iβ)/h − J`). As in RADAU5:
/// - the iteration starts from the previous step's collocation polynomial, estimates its
///   contraction rate `Θ`, stops when `Θ/(1 − Θ) ‖ΔW‖ ≤ κ` (`κ` = ``newtonTolerance``), gives up
///   after ``maximumNewtonIterations``, and rejects early (with a smaller step) when it predicts
///   that the limit would be exceeded;
/// - the Jacobian at `(t, y)` is kept for the next step when the iteration converged fast
///   (`Θ ≤` ``jacobianReuseThreshold``) and evaluated afresh otherwise or after a rejection; the
///   matrices are refactorised only when the step size or the Jacobian changed (one
///   ``SolverStatistics/factorizations`` count is one real plus one complex LU, Hairer's NDEC);
/// - the local error is the third-order embedded estimate filtered by `(γ/h − J)⁻¹`, with a
///   second filtered estimate on the first step and after a rejection;
/// - tolerances are converted as in RADAU5 (`rtol' = 0.1 rtol^(2/3)`, `atol' = rtol' · atol/rtol`)
///   because the estimate is of order 3 while the solution is of order 5.
///
/// The driver's controller chooses step sizes with exponent `1/4` (``controllerOrder``).
/// RADAU5's own step-size rule (Gustafsson's predictive controller, the Newton-dependent safety
/// factor and keeping `h` when the change would be under 20 %) is available as
/// ``proposedStepFactor(workspace:accepted:)`` for a driver that asks methods for their factor.
///
/// Jacobians are exact when the field is a ``DifferentiableVectorField`` and forward differences
/// otherwise (``JacobianEvaluator``). A Newton iteration that diverges, or a singular iteration
/// matrix, rejects the step; when that persists (``failureLimit`` attempts in a row, or a step
/// size at the floating-point limit) the solve ends with `.newtonDivergence` or `.singularMatrix`.
public struct RadauIIA5: ODESolver {
    /// RADAU5's `THET`: a Jacobian is reused for the next step when the last iteration's
    /// contraction estimate was at most this (0.001; raise it towards 0.1 when Jacobians are expensive).
    public let jacobianReuseThreshold: Double
    /// RADAU5's `NIT`: the most Newton iterations per step (7).
    public let maximumNewtonIterations: Int
    /// RADAU5's `FNEWT`, the stopping tolerance of the iteration relative to the error weights;
    /// `nil` uses `max(10 u / rtol', min(0.03, √rtol'))` with the converted `rtol'`.
    public let newtonTolerance: Double?
    /// Consecutive diverged or singular attempts after which the solve fails (10).
    public let failureLimit: Int
    /// The method's coefficients.
    public let coefficients: RadauCoefficients

    /// Radau IIA with RADAU5's default settings.
    public init(
        jacobianReuseThreshold: Double = 0.001, maximumNewtonIterations: Int = 7,
        newtonTolerance: Double? = nil, failureLimit: Int = 10
    ) {
        precondition(jacobianReuseThreshold >= 0 && jacobianReuseThreshold < 1, "the reuse threshold must be in [0, 1)")
        precondition(maximumNewtonIterations >= 1, "at least one Newton iteration is needed")
        precondition(newtonTolerance.map { $0 > 0 } ?? true, "the Newton tolerance must be positive")
        precondition(failureLimit >= 1, "the failure limit must be positive")
        self.jacobianReuseThreshold = jacobianReuseThreshold
        self.maximumNewtonIterations = maximumNewtonIterations
        self.newtonTolerance = newtonTolerance
        self.failureLimit = failureLimit
        self.coefficients = .radauIIA5
    }

    public var name: String { "radau5" }
    public var order: Int { 5 }
    public var isAdaptive: Bool { true }
    /// The error estimate is of order 3 (local error `O(h⁴)`), so the exponent is `1/4`.
    public var controllerOrder: Int { 4 }
    /// RADAU5's limits: the step changes by a factor in `[0.2, 8]`, safety 0.9.
    public var controllerDefaults: ControllerDefaults { .radau5 }
    /// The collocation polynomial is cubic.
    public var denseOutputDegree: Int { 3 }
    public var detectsStiffness: Bool { false }

    public func makeWorkspace(dimension: Int) -> RadauWorkspace {
        RadauWorkspace(dimension: dimension)
    }

    @inlinable
    public func start<F: VectorField>(
        _ field: F, t: Double, workspace w: RadauWorkspace, statistics: inout SolverStatistics
    ) {
        let n = w.dimension
        field.evaluate(t, UnsafeBufferPointer(start: w.state, count: n), UnsafeMutableBufferPointer(start: w.derivative, count: n))
        statistics.functionEvaluations += 1
        w.jacobianEvaluator.prepare(for: field)
        // A (re)start, also at a stop time where f may jump: no extrapolation from before, a
        // fresh Jacobian.
        let c = w.control
        c.pointee.isFirst = true
        c.pointee.hasPredictor = false
        c.pointee.afterRejection = false
        c.pointee.awaitingOutcome = false
        c.pointee.jacobianIsCurrent = false
        c.pointee.jacobianIsOutdated = true
        c.pointee.theta = jacobianReuseThreshold
    }

    @inlinable
    public func completeStep<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: RadauWorkspace, statistics: inout SolverStatistics
    ) -> Bool {
        let n = w.dimension
        field.evaluate(t + h, UnsafeBufferPointer(start: w.candidate, count: n),
                       UnsafeMutableBufferPointer(start: w.newDerivative, count: n))
        statistics.functionEvaluations += 1
        return FiniteCheck.allFinite(w.candidate, w.newDerivative, count: n)
    }

    public func stiffnessRatio(h: Double, workspace: RadauWorkspace) -> Double { 0 }

    @inlinable
    public func prepareDenseOutput<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: RadauWorkspace, statistics: inout SolverStatistics
    ) {
        collocationTerms(of: w.z, stride: w.stride, count: w.dimension, into: w.denseTerms)
    }

    @inlinable
    public func commitStep(workspace w: RadauWorkspace) {
        let c = w.control
        collocationTerms(of: w.z, stride: w.stride, count: w.dimension, into: w.predictor)
        c.pointee.hasPredictor = true
        c.pointee.previousStep = c.pointee.step
        c.pointee.isFirst = false
        c.pointee.afterRejection = false
        c.pointee.awaitingOutcome = false
        c.pointee.consecutiveFailures = 0
        // RADAU5 keeps the Jacobian only when the iteration converged fast.
        c.pointee.jacobianIsCurrent = false
        c.pointee.jacobianIsOutdated = c.pointee.theta > jacobianReuseThreshold
        c.pointee.acceptedSteps += 1
        c.pointee.acceptedStep = c.pointee.step
        c.pointee.acceptedError = max(1e-2, c.pointee.error)
        w.advance()
    }
}

extension ControllerDefaults {
    /// RADAU5's step-size limits (`0.2 ≤ h_new/h ≤ 8`) and safety factor 0.9, without the PI term
    /// (RADAU5 stabilises with Gustafsson's predictive controller instead).
    public static let radau5 = ControllerDefaults(beta: 0, minFactor: 0.2, maxFactor: 8, safety: 0.9)
}
