/// The storage of one explicit Runge-Kutta solve: state, candidate, one vector per logical stage and
/// the dense-output terms, all allocated once.
///
/// Every vector is padded to a multiple of four components and aligned to 32 bytes, so that the
/// engine combines stages four components at a time (`SIMD4<Double>`) with no remainder loop; the
/// padding stays zero. Vectors are reached through a table of pointers so that swapping state and
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
    private let block: UnsafeMutableRawPointer

    init(dimension n: Int, logicalStages: Int, denseDegree: Int) {
        dimension = n
        let m = max((n + 3) & ~3, 4)
        stride = m
        let vectors = 5 + logicalStages + denseDegree
        block = .allocate(byteCount: vectors * m * MemoryLayout<Double>.stride, alignment: 32)
        let base = block.initializeMemory(as: Double.self, repeating: 0, count: vectors * m)
        table = .allocate(capacity: 2 + logicalStages)
        table[0] = base
        table[1] = base + m
        stageArgument = base + 2 * m
        scratch = base + 3 * m
        scratch2 = base + 4 * m
        stages = table + 2
        for i in 0..<logicalStages { stages[i] = base + (5 + i) * m }
        denseTerms = base + (5 + logicalStages) * m
        newPointReady = .allocate(capacity: 1)
        newPointReady.initialize(to: false)
    }

    deinit {
        block.deallocate()
        table.deallocate()
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
    func swapStages(_ i: Int, _ j: Int) {
        let tmp = stages[i]
        stages[i] = stages[j]
        stages[j] = tmp
    }

    @inlinable @inline(__always)
    func swapStateAndCandidate() {
        let tmp = table[0]
        table[0] = table[1]
        table[1] = tmp
    }
}
