import ContinuumNumerics

/// The storage of one Rosenbrock solve, allocated once: state and candidate, the stage increments
/// `uᵢ` and stage derivatives `Fᵢ`, `∂f/∂t`, the Jacobian, the factorised iteration matrix and the
/// dense-output terms.
///
/// Vectors come from a ``PaddedVectorBlock``, so stage combinations run four components at a time,
/// as in the explicit engine.
public final class RosenbrockWorkspace: StateTableWorkspace {
    public let dimension: Int
    /// Padded length of every vector: `dimension` rounded up to a multiple of four.
    public let stride: Int
    public let denseTerms: UnsafeMutablePointer<Double>
    public let scratch: UnsafeMutablePointer<Double>
    public let scratch2: UnsafeMutablePointer<Double>
    /// The argument of the current stage.
    @usableFromInline let stageArgument: UnsafeMutablePointer<Double>
    /// `∂f/∂t` at the current state.
    @usableFromInline let timeDerivative: UnsafeMutablePointer<Double>
    public let table: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    /// `increments[i]` is the stage vector `uᵢ`.
    @usableFromInline let increments: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    /// `derivatives[i]` is `Fᵢ`; entry 0 is pointed at `f(t, y)` before each step.
    @usableFromInline let derivatives: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    /// `∂f/∂y` at the current state, `n × n` row-major.
    @usableFromInline let jacobian: UnsafeMutablePointer<Double>
    /// The iteration matrix `I/(hγ) − J`, factorised.
    @usableFromInline let matrix: LUDecomposition
    // The mutable state below is read and written on every step; it is exempt from dynamic
    // exclusivity checks (a runtime call per access, several per step), as the workspace belongs to
    // one solve.

    /// Central differences: the order of a Rosenbrock method rests on an accurate Jacobian.
    @exclusivity(unchecked) @usableFromInline var evaluator = JacobianEvaluator(differencing: .central)
    /// Whether `jacobian` and `timeDerivative` belong to the current state.
    @exclusivity(unchecked) @usableFromInline var jacobianIsCurrent = false
    /// Whether `∂f/∂t` vanished (autonomous problems skip the term).
    @exclusivity(unchecked) @usableFromInline var timeDerivativeVanishes = false
    /// Consecutive attempts whose iteration matrix was singular, and the last attempt's `t` and `h`.
    @exclusivity(unchecked) @usableFromInline var singularAttempts = 0
    @exclusivity(unchecked) @usableFromInline var lastTime = 0.0
    @exclusivity(unchecked) @usableFromInline var lastStep = 0.0
    private let storage: PaddedVectorBlock

    init(dimension n: Int, stages: Int, denseDegree: Int) {
        storage = PaddedVectorBlock(dimension: n, vectors: 8 + 2 * stages + denseDegree, extraDoubles: n * n)
        dimension = n
        stride = storage.stride
        table = storage.makeTable(4)
        stageArgument = storage.take()
        timeDerivative = storage.take()
        scratch = storage.take()
        scratch2 = storage.take()
        increments = storage.makeTable(stages)
        derivatives = storage.makeTable(stages)
        denseTerms = storage.take(denseDegree)
        jacobian = storage.takeDoubles(n * n)
        matrix = LUDecomposition(dimension: n)
    }

}
