/// The LU factorisation with partial pivoting `P A = L U` of a square matrix, computed in place in
/// storage allocated once, and reusable for any number of right-hand sides.
///
/// Write the matrix into ``elements`` (row-major, `n × n`) or ``load(_:)`` a ``DenseMatrix``,
/// call ``factor(nearlySingularBelow:)``, then ``solve(_:)-(UnsafeMutablePointer<Double>)`` as
/// often as needed. Factorising and solving allocate nothing, so an implicit ODE solver can keep
/// one instance per solve and refactorise it every step.
///
/// ```swift
/// let lu = LUDecomposition(factoring: DenseMatrix([[0, 2], [3, 1]]))   // needs a row swap
/// precondition(lu.status == .regular)
/// let x = lu.solve([4, 5])                                             // [1, 2]
/// ```
///
/// **Singularity.** A pivot that is exactly zero (or NaN or infinite: the matrix held such values,
/// or elimination overflowed) makes the factorisation ``Status/singular(column:)``; nothing can be
/// solved with it. As a cheap condition guard the factorisation also records the ratio of the
/// smallest to the largest pivot magnitude, ``pivotRatio``: `1 / pivotRatio` is a lower bound of the
/// condition number of `U`, so a tiny ratio flags a matrix that is singular to working precision
/// (``Status/nearlySingular(pivotRatio:)``). Such a factorisation can still be used; the caller
/// decides whether to trust it.
public final class LUDecomposition {
    /// The outcome of ``LUDecomposition/factor(nearlySingularBelow:)``.
    public enum Status: Sendable, Equatable {
        /// Not factorised yet (or the matrix was changed since).
        case unfactored
        /// Factorised; every pivot is finite and not small relative to the largest.
        case regular
        /// Factorised, but the smallest pivot is below the threshold relative to the largest:
        /// solutions may have few or no correct digits.
        case nearlySingular(pivotRatio: Double)
        /// The pivot of `column` was zero, NaN or infinite: the matrix is singular (or not finite).
        case singular(column: Int)

        /// Whether ``LUDecomposition/solve(_:)-(UnsafeMutablePointer<Double>)`` may be called.
        public var isFactored: Bool {
            switch self {
            case .regular, .nearlySingular: return true
            case .unfactored, .singular: return false
            }
        }
    }

    /// The dimension `n`.
    public let dimension: Int
    /// `n × n` row-major storage: the matrix to factorise, and after ``factor(nearlySingularBelow:)``
    /// the factors (`L` strictly below the diagonal with an implied unit diagonal, `U` on and above).
    public let elements: UnsafeMutablePointer<Double>
    /// Row interchanges: at step `k`, rows `k` and `pivots[k]` were swapped.
    @usableFromInline let pivots: UnsafeMutablePointer<Int>
    /// Reciprocals of the diagonal of `U`, so that solving multiplies instead of divides.
    @usableFromInline let inverseDiagonal: UnsafeMutablePointer<Double>
    /// The state of the factorisation.
    ///
    /// These properties are exempt from dynamic exclusivity checks: a stiff solver reads the status
    /// on every stage solve, and each checked access cost a runtime call (10 % of a Rodas5P solve of
    /// Robertson). A decomposition belongs to one solver and is not shared (the class is not `Sendable`).
    @exclusivity(unchecked)
    public private(set) var status: Status = .unfactored
    /// `min |uₖₖ| / max |uₖₖ|` of the last factorisation (0 if singular).
    @exclusivity(unchecked)
    public private(set) var pivotRatio: Double = 0
    /// Parity of the row interchanges of the last factorisation (`+1` or `−1`).
    @exclusivity(unchecked)
    public private(set) var permutationSign: Double = 1

    /// Storage for `n × n` matrices, zero-filled.
    public init(dimension n: Int) {
        precondition(n >= 0, "the dimension cannot be negative")
        dimension = n
        elements = .allocate(capacity: max(n * n, 1))
        elements.initialize(repeating: 0, count: max(n * n, 1))
        pivots = .allocate(capacity: max(n, 1))
        pivots.initialize(repeating: 0, count: max(n, 1))
        inverseDiagonal = .allocate(capacity: max(n, 1))
        inverseDiagonal.initialize(repeating: 0, count: max(n, 1))
    }

    /// Factorises a copy of `matrix` (which must be square).
    public convenience init(factoring matrix: DenseMatrix, nearlySingularBelow threshold: Double? = nil) {
        self.init(dimension: matrix.rows)
        load(matrix)
        factor(nearlySingularBelow: threshold)
    }

    deinit {
        elements.deallocate()
        pivots.deallocate()
        inverseDiagonal.deallocate()
    }

    /// Copies `matrix` into ``elements`` (discarding any factorisation).
    public func load(_ matrix: DenseMatrix) {
        precondition(matrix.rows == dimension && matrix.columns == dimension,
                     "expected a \(dimension) × \(dimension) matrix, got \(matrix.rows) × \(matrix.columns)")
        matrix.elements.withUnsafeBufferPointer { elements.update(from: $0.baseAddress!, count: dimension * dimension) }
        status = .unfactored
    }

    /// The default threshold of ``factor(nearlySingularBelow:)``: `n · ε`.
    @inlinable
    public var defaultNearlySingularThreshold: Double { Double(max(dimension, 1)) * Double.ulpOfOne }

    /// Factorises ``elements`` in place (Doolittle elimination with partial pivoting by rows).
    ///
    /// - Parameter threshold: a factorisation whose ``pivotRatio`` is below this is reported as
    ///   ``Status/nearlySingular(pivotRatio:)``; `nil` uses ``defaultNearlySingularThreshold``.
    /// - Returns: the new ``status``.
    @discardableResult
    public func factor(nearlySingularBelow threshold: Double? = nil) -> Status {
        let n = dimension
        let outcome = LUKernel.factor(elements, dimension: n, pivots: pivots, inverseDiagonal: inverseDiagonal)
        permutationSign = outcome.sign
        if let column = outcome.singularColumn {
            pivotRatio = 0
            status = .singular(column: column)
        } else {
            let ratio = n == 0 ? 1 : outcome.smallestPivot / outcome.largestPivot
            pivotRatio = ratio
            status = ratio < (threshold ?? defaultNearlySingularThreshold) ? .nearlySingular(pivotRatio: ratio) : .regular
        }
        return status
    }

    /// Overwrites `b` (length ``dimension``) with the solution `x` of `A x = b`.
    ///
    /// Requires a usable factorisation (``Status/isFactored``).
    @inlinable
    public func solve(_ b: UnsafeMutablePointer<Double>) {
        precondition(status.isFactored, "solve needs a successful factorisation (status: \(status))")
        LUKernel.solve(elements, dimension: dimension, pivots: pivots, inverseDiagonal: inverseDiagonal, b)
    }

    /// Overwrites `b` with the solution `x` of `A x = b`.
    @inlinable
    public func solve(_ b: inout [Double]) {
        precondition(b.count == dimension, "expected a right-hand side of \(dimension) entries")
        b.withUnsafeMutableBufferPointer { solve($0.baseAddress!) }
    }

    /// The solution `x` of `A x = b`.
    @inlinable
    public func solve(_ b: [Double]) -> [Double] {
        var x = b
        solve(&x)
        return x
    }

    /// `det A` from the factors (0 for a singular factorisation).
    public var determinant: Double {
        guard status.isFactored else { return 0 }
        var product = permutationSign
        for k in 0..<dimension { product *= elements[k * dimension + k] }
        return product
    }
}
