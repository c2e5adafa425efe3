/// Gaussian elimination with partial pivoting on small dense complex systems, in caller-owned
/// row-major storage: what evaluating a stability function at one point needs.
enum ComplexElimination {
    /// Solves `M x = rhs` in place (`rhs` becomes `x`, `matrix` is overwritten by its factors) and
    /// returns `det M`. A zero pivot leaves `rhs` undefined and returns a zero determinant.
    @inlinable
    static func solve(
        _ matrix: UnsafeMutableBufferPointer<Complex>, _ rhs: UnsafeMutableBufferPointer<Complex>?, dimension n: Int
    ) -> Complex {
        var determinant = Complex.one
        for k in 0..<n {
            var pivot = k
            var largest = matrix[k * n + k].magnitude
            for i in (k + 1)..<max(n, k + 1) where matrix[i * n + k].magnitude > largest {
                largest = matrix[i * n + k].magnitude
                pivot = i
            }
            guard largest > 0 else { return .zero }
            if pivot != k {
                for j in 0..<n { matrix.swapAt(k * n + j, pivot * n + j) }
                rhs?.swapAt(k, pivot)
                determinant = -determinant
            }
            let diagonal = matrix[k * n + k]
            determinant *= diagonal
            for i in (k + 1)..<max(n, k + 1) {
                let factor = matrix[i * n + k] / diagonal
                if factor == .zero { continue }
                for j in (k + 1)..<n { matrix[i * n + j] -= factor * matrix[k * n + j] }
                if let rhs { rhs[i] -= factor * rhs[k] }
            }
        }
        if let rhs {
            for k in stride(from: n - 1, through: 0, by: -1) {
                var sum = rhs[k]
                for j in (k + 1)..<max(n, k + 1) { sum -= matrix[k * n + j] * rhs[j] }
                rhs[k] = sum / matrix[k * n + k]
            }
        }
        return determinant
    }
}
