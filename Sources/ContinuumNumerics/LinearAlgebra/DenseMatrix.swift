/// A dense `rows × columns` matrix of `Double`, stored row-major in one contiguous array:
/// entry `(i, j)` is `elements[i · columns + j]`.
///
/// A value type for building and inspecting matrices. Hot loops (factorising, solving) work on
/// the raw storage of an ``LUDecomposition`` instead, which is allocated once.
///
/// ```swift
/// let a = DenseMatrix([[4, 3], [6, 3]])
/// let lu = LUDecomposition(factoring: a)
/// let x = lu.solve([10, 12])          // [1, 2]
/// ```
public struct DenseMatrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The entries, row after row.
    public var elements: [Double]

    /// A matrix with every entry equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "a matrix cannot have a negative size")
        self.rows = rows
        self.columns = columns
        elements = [Double](repeating: value, count: rows * columns)
    }

    /// A matrix from its rows, which must all have the same length.
    public init(_ rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "every row must have \(columns) entries")
        self.rows = rowArrays.count
        self.columns = columns
        elements = rowArrays.flatMap { $0 }
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> DenseMatrix {
        var matrix = DenseMatrix(rows: n, columns: n)
        for i in 0..<n { matrix[i, i] = 1 }
        return matrix
    }

    /// Whether the matrix has as many rows as columns.
    public var isSquare: Bool { rows == columns }

    /// Entry `(i, j)`.
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { elements[i * columns + j] }
        set { elements[i * columns + j] = newValue }
    }

    /// The product `A x` (`x` has ``columns`` entries).
    public func multiplied(by x: [Double]) -> [Double] {
        precondition(x.count == columns, "expected a vector of \(columns) entries")
        var y = [Double](repeating: 0, count: rows)
        for i in 0..<rows {
            var sum = 0.0
            for j in 0..<columns { sum += elements[i * columns + j] * x[j] }
            y[i] = sum
        }
        return y
    }

    /// The largest absolute row sum `‖A‖∞`.
    public var infinityNorm: Double {
        (0..<rows).map { i in (0..<columns).reduce(0.0) { $0 + abs(elements[i * columns + $1]) } }.max() ?? 0
    }
}
