import ContinuumNumerics

/// The ESDIRK engine: one implementation that runs every ``ESDIRKTableau`` (explicit first stage,
/// constant diagonal `γ`), for stiff problems.
///
/// ```swift
/// let solution = try solve(robertson, with: .kvaerno5, options: SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-14))
/// print(solution.statistics.jacobianEvaluations, solution.statistics.factorizations)
/// ```
///
/// Each implicit stage `Yᵢ = sᵢ + γ zᵢ` is solved by a simplified Newton iteration for
/// `uᵢ = Yᵢ − sᵢ` with the one matrix `I/(hγ) − J`, factorised once per attempt and shared by
/// every stage (and by the next step when the driver keeps the step size):
/// - the iteration starts from a predictor: the previous step's continuous extension for the
///   first implicit stages, a quadrature of the stages already computed for the others
///   (``ESDIRKProgram/predictors(_:)``); it measures its contraction rate `Θₖ = ‖Δₖ‖/‖Δₖ₋₁‖` in
///   the weighted RMS norm of the tolerances and stops when `Θ/(1 − Θ) ‖Δ‖ ≤ κ`
///   (``newtonTolerance``; before a rate is known, the previous stage's `Θ/(1 − Θ)`, as in
///   Hairer's codes). `Θ ≥ 0.99` or ``maximumNewtonIterations`` is divergence; a rate too slow to
///   reach `κ` within the limit gives up early (adaptive steps only);
/// - the Jacobian is kept for the next step while the iteration converges well (largest rate of
///   the step at most ``jacobianReuseThreshold``, as RADAU5's `THET`) and evaluated afresh
///   otherwise, and after a rejected attempt (unless already evaluated at the current state);
/// - a failed iteration rejects the attempt: divergence with a fresh Jacobian or a singular
///   matrix returns an infinite error norm (the driver shrinks the step by its smallest factor),
///   slow convergence or divergence with a reused Jacobian a norm that makes the controller
///   halve the step (or shrink it by 0.8 while the Jacobian is refreshed). After ``failureLimit``
///   diverged or singular attempts in a row (or at the floating-point limit of the step size)
///   the solve ends with `.newtonDivergence` or `.singularMatrix`.
///
/// The stage derivatives are taken as `zᵢ = uᵢ/γ`, not re-evaluated as `h f(Yᵢ)`, which would
/// amplify the iteration error of stiff components by `|hλ|`; for the same reason a stiffly
/// accurate method takes `f(t + h, y₁) = zₛ/h` (first same as last). The local error is the
/// embedded estimate `Σ (bᵢ − b̂ᵢ) zᵢ` in the driver's norm, unfiltered by default (Kvaerno5's
/// and KenCarp4's embedded solutions are themselves L-stable, so the estimate stays bounded on
/// stiff components; filtering by `(I − hγJ)⁻¹`, ``filtersErrorEstimate``, saves about 8 % of
/// the evaluations on Robertson and Van der Pol but triples Kvaerno5's Van der Pol error at
/// rtol = 1e-8). The continuous extension is the tableau's (``ESDIRKTableau/DenseOutput``).
///
/// Jacobians are exact for a ``DifferentiableVectorField`` and finite differences otherwise
/// (``JacobianEvaluator``, forward by default: the Jacobian only steers the iteration, it does not
/// enter the solution; central differences took the same steps on the reference problems).
public struct ESDIRKMethod: ODESolver {
    /// The method's coefficients.
    public let tableau: ESDIRKTableau
    /// A Jacobian is reused for the next step when the largest contraction rate of the accepted
    /// step was at most this.
    public let jacobianReuseThreshold: Double
    /// The most Newton iterations per stage.
    public let maximumNewtonIterations: Int
    /// `κ`: the iteration stops when its estimated remaining error is below `κ` in the norm of
    /// the error weights `atol + rtol |y|`.
    public let newtonTolerance: Double
    /// Consecutive diverged or singular attempts after which the solve fails.
    public let failureLimit: Int
    /// Whether the local error estimate is multiplied by `(I − hγJ)⁻¹` (as Hairer's stiff codes
    /// filter theirs), which damps the stiff components of the estimate.
    public let filtersErrorEstimate: Bool
    /// The finite differences used when the field has no exact Jacobian.
    public let differencing: JacobianEvaluator.Differencing
    @usableFromInline let program: ESDIRKProgram

    /// Creates the method that runs `tableau`.
    public init(
        _ tableau: ESDIRKTableau, jacobianReuseThreshold: Double = 0.05, maximumNewtonIterations: Int = 7,
        newtonTolerance: Double = 0.01, failureLimit: Int = 10, filtersErrorEstimate: Bool = false,
        differencing: JacobianEvaluator.Differencing = .forward
    ) {
        precondition(jacobianReuseThreshold >= 0 && jacobianReuseThreshold < 1, "the reuse threshold must be in [0, 1)")
        precondition(maximumNewtonIterations >= 1, "at least one Newton iteration is needed")
        precondition(newtonTolerance > 0, "the Newton tolerance must be positive")
        precondition(failureLimit >= 1, "the failure limit must be positive")
        self.tableau = tableau
        self.jacobianReuseThreshold = jacobianReuseThreshold
        self.maximumNewtonIterations = maximumNewtonIterations
        self.newtonTolerance = newtonTolerance
        self.failureLimit = failureLimit
        self.filtersErrorEstimate = filtersErrorEstimate
        self.differencing = differencing
        program = ESDIRKProgram(tableau)
    }

    public var name: String { tableau.name }
    public var order: Int { tableau.order }
    public var isAdaptive: Bool { true }
    public var controllerOrder: Int { tableau.controllerOrder }
    public var controllerDefaults: ControllerDefaults { tableau.recommendedController }
    public var denseOutputDegree: Int { program.denseDegree }
    public var detectsStiffness: Bool { false }

    public func makeWorkspace(dimension: Int) -> ESDIRKWorkspace {
        ESDIRKWorkspace(
            dimension: dimension, stages: program.stageCount, denseDegree: program.denseDegree,
            differencing: differencing)
    }

    @inlinable
    public func start<F: VectorField>(
        _ field: F, t: Double, workspace w: ESDIRKWorkspace, statistics: inout SolverStatistics
    ) {
        let n = w.dimension
        field.evaluate(t, UnsafeBufferPointer(start: w.state, count: n), UnsafeMutableBufferPointer(start: w.derivative, count: n))
        statistics.functionEvaluations += 1
        w.evaluator.prepare(for: field)
        // A (re)start may follow a discontinuity: the old Jacobian describes the other side.
        let c = w.control
        c.pointee.jacobianIsCurrent = false
        c.pointee.jacobianIsOutdated = true
        c.pointee.awaitingOutcome = false
        c.pointee.consecutiveFailures = 0
        c.pointee.derivativeIsExact = true
        c.pointee.hasHistory = false
    }

    @inlinable
    public func completeStep<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: ESDIRKWorkspace, statistics: inout SolverStatistics
    ) -> Bool {
        let n = w.dimension
        let f1 = w.newDerivative
        if program.isStifflyAccurate {
            let last = w.stages[program.stageCount - 1]
            let inverse = 1 / h
            for i in 0..<n { f1[i] = last[i] * inverse }
        } else {
            field.evaluate(t + h, UnsafeBufferPointer(start: w.candidate, count: n), UnsafeMutableBufferPointer(start: f1, count: n))
            statistics.functionEvaluations += 1
        }
        return FiniteCheck.allFinite(w.candidate, f1, count: n)
    }

    @inlinable
    public func stiffnessRatio(h: Double, workspace: ESDIRKWorkspace) -> Double { 0 }

    /// The method's own continuous extension, or the cubic Hermite interpolant
    /// `y + θ h f₀ + θ² (3Δ − 2h f₀ − h f₁) + θ³ (h f₀ + h f₁ − 2Δ)` with `Δ = y₁ − y`.
    @inlinable
    public func prepareDenseOutput<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: ESDIRKWorkspace, statistics: inout SolverStatistics
    ) {
        writeExtension(h: h, workspace: w, into: w.denseTerms)
    }

    /// Writes the continuous extension of the attempted step (monomial coefficients) into `terms`.
    @inlinable
    func writeExtension(h: Double, workspace w: ESDIRKWorkspace, into terms: UnsafeMutablePointer<Double>) {
        let m = w.stride
        if let dense = program.dense {
            let z = UnsafePointer(w.stages)
            for k in 0..<program.denseDegree {
                dense.combine(row: k, h: 1, base: nil, stages: z, chunks: m / 4, into: terms + k * m)
            }
            return
        }
        let y = w.state, y1 = w.candidate, f0 = w.derivative, f1 = w.newDerivative
        let r1 = terms, r2 = r1 + m, r3 = r1 + 2 * m
        for i in 0..<w.dimension {
            let delta = y1[i] - y[i]
            let k0 = h * f0[i], k1 = h * f1[i]
            r1[i] = k0
            r2[i] = 3 * delta - 2 * k0 - k1
            r3[i] = k0 + k1 - 2 * delta
        }
    }

    /// Makes the candidate the current state and decides whether its Jacobian is kept.
    @inlinable
    public func commitStep(workspace w: ESDIRKWorkspace) {
        let c = w.control
        writeExtension(h: c.pointee.step, workspace: w, into: w.history)
        c.pointee.hasHistory = true
        c.pointee.historyStep = c.pointee.step
        w.advance()
        c.pointee.awaitingOutcome = false
        c.pointee.jacobianIsCurrent = false
        c.pointee.jacobianIsOutdated = c.pointee.largestRate > jacobianReuseThreshold
        c.pointee.derivativeIsExact = !program.isStifflyAccurate
    }
}
