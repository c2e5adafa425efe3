import ContinuumNumerics

/// The storage of one ESDIRK solve, allocated once: state and candidate, `f` at both ends of the
/// step, the stage vectors `zᵢ = h f(t + cᵢh, Yᵢ)`, the Newton iteration's vectors, the Jacobian,
/// the factorised iteration matrix, the dense-output terms and the previous step's extension
/// (the stage predictor). Steps allocate nothing.
///
/// Vectors come from a ``PaddedVectorBlock``, so stage combinations run four components at a time,
/// as in the explicit engine.
public final class ESDIRKWorkspace: StateTableWorkspace {
    public let dimension: Int
    /// Padded length of every vector: `dimension` rounded up to a multiple of four.
    public let stride: Int
    public let denseTerms: UnsafeMutablePointer<Double>
    public let scratch: UnsafeMutablePointer<Double>
    public let scratch2: UnsafeMutablePointer<Double>
    /// The current stage value `Yᵢ`.
    @usableFromInline let stageValue: UnsafeMutablePointer<Double>
    /// The known part `sᵢ` of the current stage value.
    @usableFromInline let stageBase: UnsafeMutablePointer<Double>
    /// The Newton correction (residual before the solve).
    @usableFromInline let correction: UnsafeMutablePointer<Double>
    /// `1/(atolᵢ + rtol |yᵢ|)`: the weights of the Newton iteration's norm.
    @usableFromInline let inverseScale: UnsafeMutablePointer<Double>
    /// The local error vector.
    @usableFromInline let errorVector: UnsafeMutablePointer<Double>
    /// The previous accepted step's continuous extension (`denseDegree` vectors, monomial form
    /// over that step), extrapolated to predict stage values.
    @usableFromInline let history: UnsafeMutablePointer<Double>
    public let table: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    /// `stages[i]` is `zᵢ`.
    @usableFromInline let stages: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    /// `∂f/∂y`, `n × n` row-major.
    @usableFromInline let jacobian: UnsafeMutablePointer<Double>
    /// The iteration matrix `I/(hγ) − J`, factorised.
    @usableFromInline let matrix: LUDecomposition
    /// Exact Jacobians when the field provides them, else differences.
    @exclusivity(unchecked) @usableFromInline var evaluator: JacobianEvaluator
    /// Scalar bookkeeping.
    @usableFromInline let control: UnsafeMutablePointer<ESDIRKControl>
    private let storage: PaddedVectorBlock

    init(dimension n: Int, stages: Int, denseDegree: Int, differencing: JacobianEvaluator.Differencing) {
        storage = PaddedVectorBlock(dimension: n, vectors: 11 + stages + 2 * denseDegree, extraDoubles: n * n)
        dimension = n
        stride = storage.stride
        table = storage.makeTable(4)
        stageValue = storage.take()
        stageBase = storage.take()
        correction = storage.take()
        inverseScale = storage.take()
        errorVector = storage.take()
        scratch = storage.take()
        scratch2 = storage.take()
        self.stages = storage.makeTable(stages)
        denseTerms = storage.take(denseDegree)
        history = storage.take(denseDegree)
        jacobian = storage.takeDoubles(n * n)
        matrix = LUDecomposition(dimension: n)
        evaluator = JacobianEvaluator(differencing: differencing)
        control = .allocate(capacity: 1)
        control.initialize(to: ESDIRKControl())
    }

    deinit {
        control.deinitialize(count: 1)
        control.deallocate()
    }

    /// Newton iterations over the whole solve so far (diagnostics).
    public var newtonIterations: Int { control.pointee.totalIterations }

}
