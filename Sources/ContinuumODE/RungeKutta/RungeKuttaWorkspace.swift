import ContinuumNumerics

/// The storage of one explicit Runge-Kutta solve: state, candidate, one vector per logical stage and
/// the dense-output terms, all allocated once.
///
/// Every vector comes from a ``PaddedVectorBlock``, so the engine combines stages four components
/// at a time. Vectors are reached through a table of pointers so that swapping state and
/// candidate, "first same as last", and the reuse of `f(t + h, y₁)` as the next first stage are
/// pointer swaps, not copies. The table lives in unsafe storage, so the hot loop pays no
/// exclusivity checks.
public final class RungeKuttaWorkspace: ODEWorkspace {
    public let dimension: Int
    /// Padded length of every vector: `dimension` rounded up to a multiple of four.
    public let stride: Int
    public let denseTerms: UnsafeMutablePointer<Double>
    public let scratch: UnsafeMutablePointer<Double>
    public let scratch2: UnsafeMutablePointer<Double>
    /// The argument of the most recent stage.
    @usableFromInline let stageArgument: UnsafeMutablePointer<Double>
    /// `table[0]` is the state, `table[1]` the candidate; `stages` points at `table[2]`.
    @usableFromInline let table: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    /// `stages[i]` is logical stage `i`'s derivative vector.
    @usableFromInline let stages: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    /// Whether `f(t + h, candidate)` has been evaluated for the current attempt.
    @usableFromInline let newPointReady: UnsafeMutablePointer<Bool>
    private let storage: PaddedVectorBlock

    init(dimension n: Int, logicalStages: Int, denseDegree: Int) {
        storage = PaddedVectorBlock(dimension: n, vectors: 5 + logicalStages + denseDegree)
        dimension = n
        stride = storage.stride
        table = storage.makeTable(2 + logicalStages)
        stages = table + 2
        stageArgument = storage.take()
        scratch = storage.take()
        scratch2 = storage.take()
        denseTerms = storage.take(denseDegree)
        newPointReady = .allocate(capacity: 1)
        newPointReady.initialize(to: false)
    }

    deinit {
        newPointReady.deallocate()
    }

    public var state: UnsafeMutablePointer<Double> {
        @inline(__always) get { table[0] }
    }

    public var candidate: UnsafeMutablePointer<Double> {
        @inline(__always) get { table[1] }
    }

    public var derivative: UnsafeMutablePointer<Double> {
        @inline(__always) get { stages[0] }
    }

    @inlinable @inline(__always)
    func swapStages(_ i: Int, _ j: Int) { stages.swapAt(i, j) }

    @inlinable @inline(__always)
    func swapStateAndCandidate() { table.swapAt(0, 1) }
}
