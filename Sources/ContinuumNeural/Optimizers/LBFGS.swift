/// Limited-memory BFGS for deterministic objectives: full-batch polishing of a model after
/// stochastic training, or parameter fits.
///
/// Keeps the last `m` pairs `sₖ = xₖ₊₁ − xₖ`, `yₖ = ∇fₖ₊₁ − ∇fₖ` and applies the inverse-Hessian
/// approximation with the two-loop recursion (Nocedal & Wright, Algorithm 7.4), scaled by
/// `γ = sᵀy / yᵀy` of the newest pair. Pairs with `sᵀy ≤ 10⁻¹⁰ ‖s‖ ‖y‖` are not stored (possible
/// with a backtracking line search). Buffers are allocated once per ``minimize(_:objective:)``.
///
/// ```swift
/// let result = LBFGS().minimize(&x) { x, gradient in
///     gradient[0] = 2 * (x[0] - 3)
///     return (x[0] - 3) * (x[0] - 3)
/// }
/// ```
public struct LBFGS: Sendable {
    /// Number `m` of stored correction pairs.
    public var historySize: Int
    /// Iteration limit.
    public var maxIterations: Int
    /// Stop when `‖∇f‖∞` falls to this.
    public var gradientTolerance: Double
    /// Stop when an iteration changes `f` by at most this times `max(|f|, 1)` (0 disables).
    public var valueTolerance: Double
    /// The step-length rule.
    public var lineSearch: LineSearch
    /// Objective evaluations allowed per line search.
    public var maxLineSearchEvaluations: Int

    public init(
        historySize: Int = 10, maxIterations: Int = 200, gradientTolerance: Double = 1e-10, valueTolerance: Double = 0,
        lineSearch: LineSearch = .standard, maxLineSearchEvaluations: Int = 25
    ) {
        self.historySize = Swift.max(historySize, 1)
        self.maxIterations = maxIterations
        self.gradientTolerance = gradientTolerance
        self.valueTolerance = valueTolerance
        self.lineSearch = lineSearch
        self.maxLineSearchEvaluations = maxLineSearchEvaluations
    }

    /// Why ``minimize(_:objective:)`` stopped.
    public enum Status: Sendable, Hashable {
        /// `‖∇f‖∞ ≤ gradientTolerance`.
        case converged
        /// An iteration changed `f` by less than `valueTolerance` (relative).
        case valueStalled
        /// The iteration limit was reached.
        case maxIterationsReached
        /// No step along the search direction decreased `f` (typically at the limit of precision).
        case lineSearchFailed
        /// The objective or gradient at the starting point is not finite.
        case nonFiniteStart
    }

    /// The outcome: final value and gradient norm, counts and status (`x` is updated in place).
    public struct Result: Sendable, Hashable {
        public var value: Double
        public var gradientNorm: Double
        public var iterations: Int
        public var evaluations: Int
        public var status: Status
    }
}
