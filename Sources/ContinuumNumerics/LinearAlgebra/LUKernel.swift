/// The in-place kernels behind ``LUDecomposition``, on raw row-major storage.
///
/// Rows are swapped physically (as LAPACK's `getrf` does), so the inner loops of both the
/// elimination and the triangular solves run along contiguous rows.
public enum LUKernel {
    /// What ``factor(_:dimension:pivots:inverseDiagonal:)`` found.
    public struct Outcome: Sendable {
        /// The first column whose pivot was zero, NaN or infinite; `nil` if there was none.
        public var singularColumn: Int?
        /// Smallest and largest pivot magnitudes (over the columns factorised).
        public var smallestPivot: Double
        public var largestPivot: Double
        /// `(−1)^(number of row swaps)`.
        public var sign: Double

        @inlinable
        public init(singularColumn: Int?, smallestPivot: Double, largestPivot: Double, sign: Double) {
            self.singularColumn = singularColumn
            self.smallestPivot = smallestPivot
            self.largestPivot = largestPivot
            self.sign = sign
        }
    }

    /// Factorises the `n × n` row-major matrix `a` in place into `P A = L U` with partial
    /// pivoting, storing the swap of step `k` in `pivots[k]` and `1 / uₖₖ` in `inverseDiagonal[k]`.
    /// Stops at the first zero or non-finite pivot.
    @inlinable
    public static func factor(
        _ a: UnsafeMutablePointer<Double>, dimension n: Int, pivots: UnsafeMutablePointer<Int>,
        inverseDiagonal: UnsafeMutablePointer<Double>
    ) -> Outcome {
        var outcome = Outcome(singularColumn: nil, smallestPivot: .infinity, largestPivot: 0, sign: 1)
        for k in 0..<n {
            // Pivot search down column k. A NaN entry is never chosen over a number; a row of NaN
            // reaches the pivot position at the latest when it is the last row left.
            var p = k
            var best = abs(a[k * n + k])
            var i = k + 1
            while i < n {
                let candidate = abs(a[i * n + k])
                if candidate > best {
                    best = candidate
                    p = i
                }
                i += 1
            }
            pivots[k] = p
            guard best > 0 && best.isFinite else {
                outcome.singularColumn = k
                return outcome
            }
            if p != k {
                let rowK = a + k * n
                let rowP = a + p * n
                for j in 0..<n {
                    let tmp = rowK[j]
                    rowK[j] = rowP[j]
                    rowP[j] = tmp
                }
                outcome.sign = -outcome.sign
            }
            outcome.smallestPivot = min(outcome.smallestPivot, best)
            outcome.largestPivot = max(outcome.largestPivot, best)
            let pivotRow = a + k * n
            let inverse = 1 / pivotRow[k]
            inverseDiagonal[k] = inverse
            i = k + 1
            while i < n {
                let row = a + i * n
                let factor = row[k] * inverse
                row[k] = factor
                if factor != 0 {
                    var j = k + 1
                    while j < n {
                        row[j] -= factor * pivotRow[j]
                        j += 1
                    }
                }
                i += 1
            }
        }
        return outcome
    }

    /// Overwrites `b` with the solution of `A x = b`, given the factors of `A` from
    /// ``factor(_:dimension:pivots:inverseDiagonal:)``.
    @inlinable
    public static func solve(
        _ lu: UnsafePointer<Double>, dimension n: Int, pivots: UnsafePointer<Int>,
        inverseDiagonal: UnsafePointer<Double>, _ b: UnsafeMutablePointer<Double>
    ) {
        // P b, then L y = P b (unit lower triangular), then U x = y.
        for k in 0..<n {
            let p = pivots[k]
            if p != k {
                let tmp = b[k]
                b[k] = b[p]
                b[p] = tmp
            }
        }
        var i = 1
        while i < n {
            let row = lu + i * n
            var sum = b[i]
            for j in 0..<i { sum -= row[j] * b[j] }
            b[i] = sum
            i += 1
        }
        i = n - 1
        while i >= 0 {
            let row = lu + i * n
            var sum = b[i]
            var j = i + 1
            while j < n {
                sum -= row[j] * b[j]
                j += 1
            }
            b[i] = sum * inverseDiagonal[i]
            i -= 1
        }
    }
}
