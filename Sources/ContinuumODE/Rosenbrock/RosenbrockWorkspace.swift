import ContinuumNumerics

/// The storage of one Rosenbrock solve, allocated once: state and candidate, the stage increments
/// `uᵢ` and stage derivatives `Fᵢ`, `∂f/∂t`, the Jacobian, the factorised iteration matrix and the
/// dense-output terms.
///
/// Vectors are padded to a multiple of four components and aligned to 32 bytes (the padding stays
/// zero), so that stage combinations run four components at a time, as in the explicit engine.
public final class RosenbrockWorkspace: ODEWorkspace {
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
    /// `table[0]` state, `[1]` candidate, `[2]` `f(t, y)`, `[3]` `f(t + h, y₁)`.
    @usableFromInline let table: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    /// `increments[i]` is the stage vector `uᵢ`.
    @usableFromInline let increments: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    /// `derivatives[i]` is `Fᵢ`; entry 0 is pointed at `f(t, y)` before each step.
    @usableFromInline let derivatives: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    /// `∂f/∂y` at the current state, `n × n` row-major.
    @usableFromInline let jacobian: UnsafeMutablePointer<Double>
    /// The iteration matrix `I/(hγ) − J`, factorised.
    @usableFromInline let matrix: LUDecomposition
    /// Central differences: the order of a Rosenbrock method rests on an accurate Jacobian.
    @usableFromInline var evaluator = JacobianEvaluator(differencing: .central)
    /// Whether `jacobian` and `timeDerivative` belong to the current state.
    @usableFromInline var jacobianIsCurrent = false
    /// Whether `∂f/∂t` vanished (autonomous problems skip the term).
    @usableFromInline var timeDerivativeVanishes = false
    /// Consecutive attempts whose iteration matrix was singular, and the last attempt's `t` and `h`.
    @usableFromInline var singularAttempts = 0
    @usableFromInline var lastTime = 0.0
    @usableFromInline var lastStep = 0.0
    private let block: UnsafeMutableRawPointer

    init(dimension n: Int, stages: Int, denseDegree: Int) {
        dimension = n
        let m = max((n + 3) & ~3, 4)
        stride = m
        let vectors = 8 + 2 * stages + denseDegree
        block = .allocate(byteCount: vectors * m * MemoryLayout<Double>.stride, alignment: 32)
        let base = block.initializeMemory(as: Double.self, repeating: 0, count: vectors * m)
        table = .allocate(capacity: 4)
        for i in 0..<4 { table[i] = base + i * m }
        stageArgument = base + 4 * m
        timeDerivative = base + 5 * m
        scratch = base + 6 * m
        scratch2 = base + 7 * m
        increments = .allocate(capacity: stages)
        derivatives = .allocate(capacity: stages)
        for i in 0..<stages {
            increments[i] = base + (8 + i) * m
            derivatives[i] = base + (8 + stages + i) * m
        }
        denseTerms = base + (8 + 2 * stages) * m
        jacobian = .allocate(capacity: max(n * n, 1))
        jacobian.initialize(repeating: 0, count: max(n * n, 1))
        matrix = LUDecomposition(dimension: n)
    }

    deinit {
        block.deallocate()
        table.deallocate()
        increments.deallocate()
        derivatives.deallocate()
        jacobian.deallocate()
    }

    public var state: UnsafeMutablePointer<Double> {
        @inline(__always) get { table[0] }
    }

    public var candidate: UnsafeMutablePointer<Double> {
        @inline(__always) get { table[1] }
    }

    public var derivative: UnsafeMutablePointer<Double> {
        @inline(__always) get { table[2] }
    }

    /// `f(t + h, y₁)` of the accepted step.
    @usableFromInline var newDerivative: UnsafeMutablePointer<Double> {
        @inline(__always) get { table[3] }
    }

    @inlinable @inline(__always)
    func swap(_ i: Int, _ j: Int) {
        let tmp = table[i]
        table[i] = table[j]
        table[j] = tmp
    }
}
