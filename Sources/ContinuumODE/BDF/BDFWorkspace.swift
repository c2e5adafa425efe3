import ContinuumNumerics

/// The storage of one BDF solve, allocated once: state and candidate, the difference array
/// (``BDFDifferences``), the Newton iteration's vectors, the Jacobian and its factorised iteration
/// matrix `I − cJ`, the dense-output terms, and the scalar state of the method (``BDFControl``).
///
/// Vectors come from a ``PaddedVectorBlock`` (padded to a multiple of four components, aligned),
/// like the other engines' workspaces.
public final class BDFWorkspace: ODEWorkspace {
    public let dimension: Int
    /// Padded length of every vector: `dimension` rounded up to a multiple of four.
    public let stride: Int
    public let denseTerms: UnsafeMutablePointer<Double>
    public let scratch: UnsafeMutablePointer<Double>
    public let scratch2: UnsafeMutablePointer<Double>
    /// `table[0]` state, `[1]` candidate (swapped on commit).
    @usableFromInline let table: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    /// `f(t, y)` after ``ODESolver/start``.
    public let derivative: UnsafeMutablePointer<Double>
    /// `ψ = Σ γⱼ Dⱼ / αₖ` of the current attempt.
    @usableFromInline let psi: UnsafeMutablePointer<Double>
    /// The accumulated Newton correction `d = y_{n+1} − y⁽⁰⁾`.
    @usableFromInline let correction: UnsafeMutablePointer<Double>
    /// `f` at the current Newton iterate.
    @usableFromInline let iterateDerivative: UnsafeMutablePointer<Double>
    /// `f(t_{n+1}, y⁽⁰⁾)`: the first iterate's derivative, kept for a Jacobian at the predictor.
    @usableFromInline let predictedDerivative: UnsafeMutablePointer<Double>
    /// The Newton increment (right-hand side, then solution, of the linear system).
    @usableFromInline let increment: UnsafeMutablePointer<Double>
    /// Error weights `1 / (atolᵢ + rtol · max(|yᵢ|, |ỹᵢ|))` of the last attempt.
    @usableFromInline let weights: UnsafeMutablePointer<Double>
    /// The difference array.
    @usableFromInline let differences: BDFDifferences
    /// `∂f/∂y`, `n × n` row-major.
    @usableFromInline let jacobian: UnsafeMutablePointer<Double>
    /// The iteration matrix `I − cJ`, factorised.
    @usableFromInline let matrix: LUDecomposition
    /// Forward differences suffice: `J` only enters the Newton iteration, not the solution.
    @exclusivity(unchecked) @usableFromInline var evaluator = JacobianEvaluator(differencing: .forward)
    /// The method's scalar state.
    @usableFromInline let control: UnsafeMutablePointer<BDFControl>
    /// `orderCounts[k]`: accepted steps taken at order `k` (index 0 unused).
    @usableFromInline let orderCounts: UnsafeMutablePointer<Int>
    private let storage: PaddedVectorBlock

    init(dimension n: Int, maximumOrder: Int) {
        dimension = n
        let differenceRows = maximumOrder + 3
        // 11 vectors, 5 dense-output terms, the difference rows; the Jacobian and the 75 values of
        // the rescaling matrices (each rounded up to a multiple of four by the block).
        storage = PaddedVectorBlock(
            dimension: n, vectors: 16 + differenceRows, extraDoubles: ((n * n + 3) & ~3) + 76)
        stride = storage.stride
        table = storage.makeTable(2)
        derivative = storage.take()
        scratch = storage.take()
        scratch2 = storage.take()
        psi = storage.take()
        correction = storage.take()
        iterateDerivative = storage.take()
        predictedDerivative = storage.take()
        increment = storage.take()
        weights = storage.take()
        denseTerms = storage.take(5)
        differences = BDFDifferences(
            rows: storage.take(differenceRows), stride: stride, dimension: n, count: differenceRows,
            matrix: storage.takeDoubles(75))
        differences.storeUnitMatrix()
        jacobian = storage.takeDoubles(n * n)
        matrix = LUDecomposition(dimension: n)
        control = .allocate(capacity: 1)
        control.initialize(to: BDFControl())
        orderCounts = .allocate(capacity: 8)
        orderCounts.initialize(repeating: 0, count: 8)
    }

    deinit {
        control.deinitialize(count: 1)
        control.deallocate()
        orderCounts.deallocate()
    }

    public var state: UnsafeMutablePointer<Double> {
        @inline(__always) get { table[0] }
    }

    public var candidate: UnsafeMutablePointer<Double> {
        @inline(__always) get { table[1] }
    }

    /// The order of the next step (after a commit: the order the method has chosen).
    public var currentOrder: Int { control.pointee.order }

    /// Accepted steps per order: entry `k − 1` counts the steps taken with the order-`k` formula.
    public var acceptedStepsByOrder: [Int] { (1...5).map { orderCounts[$0] } }

    @inlinable @inline(__always)
    func swapStateAndCandidate() { table.swapAt(0, 1) }
}
