import ContinuumNumerics

/// Variable-order, variable-step backward differentiation formulas (orders 1–5) for stiff
/// problems, in the quasi-constant step-size form of Shampine & Reichelt's ode15s and scipy's `BDF`.
///
/// ```swift
/// let solution = try solve(robertson, with: .bdf, options: SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-10))
/// print(solution.statistics.jacobianEvaluations, solution.statistics.factorizations)
/// ```
///
/// The solution history is a difference array `Dⱼ = ∇ʲ y_n` over equal steps (``BDFDifferences``),
/// rescaled whenever the step size changes. Each step
/// - predicts `y⁽⁰⁾ = Σⱼ Dⱼ` and solves `αₖ d + Σⱼ γⱼ Dⱼ = h f(t + h, y⁽⁰⁾ + d)` for the correction
///   `d` by simplified Newton with the iteration matrix `I − cJ`, `c = h/αₖ`
///   (``BDFCoefficients``). The factorisation is reused across steps while `c` stays within 30 %
///   of the `c` it was made for (CVODE's rule, with its correction `2/(1 + c/c_LU)` of the
///   increment), and the Jacobian as long as the iteration converges: it is evaluated afresh (at
///   the predictor) only when an iteration with an older Jacobian fails, as in scipy;
/// - estimates the local error as `Cₖ d` and returns its scaled norm;
/// - after `k + 1` accepted steps at order `k`, compares the error estimates of orders `k − 1`
///   (from `Dₖ`), `k` and `k + 1` (from `d` minus the previous correction) and moves to the order
///   that allows the largest step (scipy and CVODE's rule).
///
/// **Step sizes.** With the method-default controller the driver takes the method's own factor,
/// ``proposedStepFactor(workspace:accepted:)``: scipy's rule, which keeps `h` between order
/// decisions (so the factorisation is reused) and changes it only after a rejection or when orders
/// are compared. With any other controller the driver chooses `h` every step and the method
/// rescales its history to whatever `h` it is given; the returned norm is then raised to the power
/// `q/(k + 1)`, `q` = ``controllerOrder``, so that acceptance is unchanged (`e ≤ 1 ⇔ e^p ≤ 1`) and
/// the controller's exponent `1/q` acts as `1/(k + 1)`, the right one for the current order.
///
/// Dense output is the interpolating polynomial of the difference array (degree `k`). Jacobians
/// are exact for a ``DifferentiableVectorField`` and forward differences otherwise. A diverging
/// iteration or singular matrix rejects the step (non-finite error: the driver shrinks `h`); when
/// it persists (``failureLimit`` attempts in a row, or the step about to underflow) the solve ends
/// with `.newtonDivergence` or `.singularMatrix`.
public struct BDFMethod: ODESolver {
    /// The family of formulas.
    public enum Formula: String, Sendable, Equatable, CaseIterable {
        /// The backward differentiation formulas.
        case bdf
        /// Klopfenstein–Shampine numerical differentiation formulas (ode15s, scipy's `BDF`):
        /// BDF with a predictor term that shrinks the error constants of orders 1–4.
        case ndf
    }

    /// The highest order used.
    public let maximumOrder: Int
    /// Whether the order is fixed at ``maximumOrder`` (reached one order per step from order 1)
    /// instead of chosen from the error estimates.
    public let isOrderFixed: Bool
    /// The formulas' coefficients.
    public let coefficients: BDFCoefficients
    /// Simplified Newton iterations per attempt (scipy's 4).
    public let maximumNewtonIterations: Int
    /// Consecutive diverged or singular attempts after which the solve fails (10).
    public let failureLimit: Int
    /// Tests only: the exact solution, from which the first attempt loads a history of
    /// `maximumOrder + 2` equally spaced values instead of starting at order 1.
    @usableFromInline var startingHistory: (@Sendable (Double) -> [Double])?

    /// A variable-order method with orders `1…maximumOrder`.
    public init(maximumOrder: Int = 5, formula: Formula = .bdf, maximumNewtonIterations: Int = 4, failureLimit: Int = 10) {
        self.init(maximumOrder: maximumOrder, fixed: false, formula: formula,
                  maximumNewtonIterations: maximumNewtonIterations, failureLimit: failureLimit)
    }

    /// The method of fixed order `order` (1…5): it starts at order 1 and raises the order by one
    /// per step until it reaches `order`. For convergence studies and comparisons.
    public static func fixedOrder(_ order: Int, formula: Formula = .bdf) -> BDFMethod {
        BDFMethod(maximumOrder: order, fixed: true, formula: formula, maximumNewtonIterations: 4, failureLimit: 10)
    }

    init(maximumOrder: Int, fixed: Bool, formula: Formula, maximumNewtonIterations: Int, failureLimit: Int) {
        precondition((1...5).contains(maximumOrder), "BDF orders run from 1 to 5, got \(maximumOrder)")
        precondition(maximumNewtonIterations >= 1, "at least one Newton iteration is needed")
        precondition(failureLimit >= 1, "the failure limit must be positive")
        self.maximumOrder = maximumOrder
        isOrderFixed = fixed
        coefficients = BDFCoefficients(formula)
        self.maximumNewtonIterations = maximumNewtonIterations
        self.failureLimit = failureLimit
    }

    /// `"bdf"` or `"ndf"`, with the order appended when it is fixed (`"bdf3"`) or limited
    /// (`"bdf-max3"`).
    public var name: String {
        let base = coefficients.formula.rawValue
        if isOrderFixed { return "\(base)\(maximumOrder)" }
        return maximumOrder == 5 ? base : "\(base)-max\(maximumOrder)"
    }

    /// The highest order; steps start at order 1.
    public var order: Int { maximumOrder }
    public var isAdaptive: Bool { true }
    /// `maximumOrder + 1`: the returned norm is rescaled to this exponent (see the type's notes).
    public var controllerOrder: Int { maximumOrder + 1 }
    /// For a driver-chosen step size (a controller other than the method default, see the type's
    /// notes): an integral controller as in scipy and CVODE, the step changing by a factor in
    /// `[0.2, 5]` per step.
    public var controllerDefaults: ControllerDefaults {
        ControllerDefaults(beta: 0, minFactor: 0.2, maxFactor: 5, safety: 0.9)
    }
    /// The interpolating polynomial of the difference array has degree `k ≤ 5`.
    public var denseOutputDegree: Int { 5 }
    public var detectsStiffness: Bool { false }

    public func makeWorkspace(dimension: Int) -> BDFWorkspace {
        BDFWorkspace(dimension: dimension, maximumOrder: maximumOrder)
    }

    /// Evaluates `f(t, y)` and restarts the history at order 1 (`D₀ = y`, `D₁ = h f`, stored for
    /// `h = 1` and rescaled by the first attempt): at the first step and after a stop time, where
    /// the right-hand side may be discontinuous. The Jacobian and factorisation are kept.
    @inlinable
    public func start<F: VectorField>(
        _ field: F, t: Double, workspace w: BDFWorkspace, statistics: inout SolverStatistics
    ) {
        let n = w.dimension
        field.evaluate(t, UnsafeBufferPointer(start: w.state, count: n), UnsafeMutableBufferPointer(start: w.derivative, count: n))
        statistics.functionEvaluations += 1
        w.evaluator.prepare(for: field)
        let d = w.differences
        d[0].update(from: w.state, count: n)
        d[1].update(from: w.derivative, count: n)
        d.clear(from: 2)
        let c = w.control
        c.pointee.needsHistory = startingHistory != nil && !c.pointee.hasStarted
        c.pointee.hasStarted = true
        c.pointee.order = 1
        c.pointee.nextOrder = 1
        c.pointee.scaledStep = 1
        c.pointee.stepsAtOrder = 0
        c.pointee.awaitingOutcome = false
        c.pointee.decided = false
        c.pointee.consecutiveFailures = 0
        c.pointee.jacobianIsFresh = false
    }

    /// Accepts the candidate if it is finite: appends the step to the difference array and makes
    /// the order decision (see ``decideOrder(workspace:)``). `f(t + h, y₁)` is not needed.
    @inlinable
    public func completeStep<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: BDFWorkspace, statistics: inout SolverStatistics
    ) -> Bool {
        let c = w.control
        guard FiniteCheck.allFinite(w.candidate, count: w.dimension) else {
            c.pointee.outcome = .nonFinite
            return false
        }
        let k = c.pointee.order
        c.pointee.awaitingOutcome = false
        c.pointee.consecutiveFailures = 0
        w.differences.append(correction: w.correction, order: k)
        w.orderCounts[k] += 1
        c.pointee.stepsAtOrder += 1
        decideOrder(workspace: w)
        return true
    }

    @inlinable
    public func stiffnessRatio(h: Double, workspace: BDFWorkspace) -> Double { 0 }

    /// Makes the candidate the current state and switches to the order decided on acceptance.
    @inlinable
    public func commitStep(workspace w: BDFWorkspace) {
        w.swapStateAndCandidate()
        let c = w.control
        if c.pointee.decided || c.pointee.nextOrder != c.pointee.order {
            c.pointee.order = c.pointee.nextOrder
            c.pointee.stepsAtOrder = 0
        }
    }
}
