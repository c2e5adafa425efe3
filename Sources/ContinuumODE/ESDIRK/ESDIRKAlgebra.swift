/// Small exact-size algebra for deriving coefficients once per method (stage predictors, dense
/// output weights); never used in the solver's hot path.
enum ESDIRKAlgebra {
    /// `xᵏ` by repeated multiplication.
    static func power(_ x: Double, _ k: Int) -> Double {
        var result = 1.0
        for _ in 0..<k { result *= x }
        return result
    }

    /// Solves the small dense system `A x = r` by Gaussian elimination with partial pivoting.
    static func solve(_ a: [[Double]], _ r: [Double]) -> [Double] {
        let q = r.count
        var matrix = zip(a, r).map { $0 + [$1] }
        for column in 0..<q {
            let pivot = (column..<q).max { abs(matrix[$0][column]) < abs(matrix[$1][column]) }!
            matrix.swapAt(column, pivot)
            for row in (column + 1)..<q {
                let factor = matrix[row][column] / matrix[column][column]
                for k in column...q { matrix[row][k] -= factor * matrix[column][k] }
            }
        }
        var x = [Double](repeating: 0, count: q)
        for row in (0..<q).reversed() {
            var sum = matrix[row][q]
            for k in (row + 1)..<q { sum -= matrix[row][k] * x[k] }
            x[row] = sum / matrix[row][row]
        }
        return x
    }
}
