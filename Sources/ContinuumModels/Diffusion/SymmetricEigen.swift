import Foundation

/// The eigendecomposition `S = U diag(λ) Uᵀ` of a small symmetric matrix by cyclic Jacobi rotations
/// (each rotation zeroes one off-diagonal entry; the off-diagonal mass falls quadratically once small).
struct SymmetricEigen: Sendable {
    /// Eigenvalues.
    let values: [Double]
    /// Eigenvectors as the columns of a row-major `d × d` matrix.
    let vectors: [Double]

    /// Decomposes the row-major symmetric `d × d` matrix `matrix`.
    init(_ matrix: [Double], dimension d: Int) {
        var a = matrix
        var u = [Double](repeating: 0, count: d * d)
        for i in 0..<d { u[i * d + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0
            var diagonal = 0.0
            for i in 0..<d {
                diagonal += a[i * d + i] * a[i * d + i]
                for j in (i + 1)..<max(d, i + 1) { off += a[i * d + j] * a[i * d + j] }
            }
            if off <= 1e-30 * diagonal || off == 0 { break }
            for p in 0..<d {
                for q in (p + 1)..<max(d, p + 1) where a[p * d + q] != 0 {
                    // The rotation angle that zeroes a[p][q]: tan 2θ = 2 a_pq / (a_qq − a_pp).
                    let theta = (a[q * d + q] - a[p * d + p]) / (2 * a[p * d + q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    for k in 0..<d {
                        let akp = a[k * d + p], akq = a[k * d + q]
                        a[k * d + p] = c * akp - s * akq
                        a[k * d + q] = s * akp + c * akq
                    }
                    for k in 0..<d {
                        let apk = a[p * d + k], aqk = a[q * d + k]
                        a[p * d + k] = c * apk - s * aqk
                        a[q * d + k] = s * apk + c * aqk
                    }
                    for k in 0..<d {
                        let ukp = u[k * d + p], ukq = u[k * d + q]
                        u[k * d + p] = c * ukp - s * ukq
                        u[k * d + q] = s * ukp + c * ukq
                    }
                }
            }
        }
        values = (0..<d).map { a[$0 * d + $0] }
        vectors = u
    }
}
