import ContinuumNumerics

/// The storage of one Radau IIA solve, allocated once: state vectors, the stage increments and
/// their transformed form, the Jacobian and both factorised iteration matrices, and the
/// iteration's scalar state.
///
/// Vectors are padded to a multiple of four components. State and candidate, and `f(t, y)` and
/// `f(t + h, y₁)`, are swapped through a table of pointers when a step is committed.
public final class RadauWorkspace: StateTableWorkspace {
    public let dimension: Int
    /// Padded length of every vector.
    public let stride: Int
    public let denseTerms: UnsafeMutablePointer<Double>
    public let scratch: UnsafeMutablePointer<Double>
    public let scratch2: UnsafeMutablePointer<Double>

    public let table: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    /// Stage increments `Zᵢ = Yᵢ − y` (three vectors, `stride` apart).
    @usableFromInline let z: UnsafeMutablePointer<Double>
    /// The transformed increments `W = (T⁻¹ ⊗ I) Z` (three vectors).
    @usableFromInline let w: UnsafeMutablePointer<Double>
    /// Stage derivatives `f(t + cᵢh, y + Zᵢ)`, overwritten by the Newton corrections (three vectors).
    @usableFromInline let f: UnsafeMutablePointer<Double>
    /// The previous accepted step's collocation polynomial, `rⱼ` of `u(θ) = y_prev + Σ θʲ rⱼ`
    /// (three vectors), used to start the next iteration.
    @usableFromInline let predictor: UnsafeMutablePointer<Double>
    /// The argument of a stage evaluation.
    @usableFromInline let stageArgument: UnsafeMutablePointer<Double>
    /// Error weights `atolᵢ + rtol |yᵢ|` of the attempt (RADAU5's `SCAL`, transformed tolerances).
    @usableFromInline let scale: UnsafeMutablePointer<Double>
    /// `Σ dᵢ Zᵢ / h` of the error estimate.
    @usableFromInline let errorCombination: UnsafeMutablePointer<Double>
    /// The filtered error vector.
    @usableFromInline let errorVector: UnsafeMutablePointer<Double>
    /// `∂f/∂y` (row-major `n × n`).
    @usableFromInline let jacobian: UnsafeMutablePointer<Double>
    /// `γ/h − J`, factorised.
    @usableFromInline let realMatrix: LUDecomposition
    /// `(α + iβ)/h − J`, factorised.
    @usableFromInline let complexMatrix: ComplexLUDecomposition
    /// The iteration's scalar state.
    @usableFromInline let control: UnsafeMutablePointer<RadauControl>
    /// Exact or finite-difference Jacobians, chosen at ``RadauIIA5/start(_:t:workspace:statistics:)``.
    @exclusivity(unchecked) @usableFromInline var jacobianEvaluator = JacobianEvaluator()
    private let storage: PaddedVectorBlock

    init(dimension n: Int) {
        // state, candidate, f0, f1, dense×3, scratch×2, z×3, w×3, f×3, predictor×3, stage
        // argument, scale, error combination, error vector; and the Jacobian.
        storage = PaddedVectorBlock(dimension: n, vectors: 4 + 3 + 2 + 3 + 3 + 3 + 3 + 4, extraDoubles: n * n)
        dimension = n
        stride = storage.stride
        table = storage.makeTable(4)
        denseTerms = storage.take(3)
        scratch = storage.take()
        scratch2 = storage.take()
        z = storage.take(3)
        w = storage.take(3)
        f = storage.take(3)
        predictor = storage.take(3)
        stageArgument = storage.take()
        scale = storage.take()
        errorCombination = storage.take()
        errorVector = storage.take()
        jacobian = storage.takeDoubles(n * n)
        realMatrix = LUDecomposition(dimension: n)
        complexMatrix = ComplexLUDecomposition(dimension: n)
        control = .allocate(capacity: 1)
        control.initialize(to: RadauControl())
    }

    deinit {
        control.deinitialize(count: 1)
        control.deallocate()
    }

}
