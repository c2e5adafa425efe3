/// The backward-difference array of a BDF solve: row `j` holds `Dⱼ = ∇ʲ y_n`, the `j`-th
/// backward difference of the solution history over equal steps `h` (row 0 is `y_n` itself).
///
/// The history is kept as if the last steps had all been of the current size ("quasi-constant
/// step size", Shampine & Reichelt 1997): when the step changes from `h` to `ρh`, the rows
/// `0…k` are replaced by the differences, at spacing `ρh`, of the same interpolating polynomial
/// (``rescale(order:factor:)``). Rows `k + 1` and `k + 2` hold the last correction `d ≈ ∇^{k+1} y`
/// and its difference with the one before (`≈ ∇^{k+2} y`), the error estimates of orders `k` and
/// `k + 1`; they are scaled by `ρ^{k+1}` and `ρ^{k+2}` on a step change so that the estimate of
/// order `k + 1` stays meaningful when the driver changes the step size every step.
///
/// A view on storage owned by ``BDFWorkspace``; every operation is in place and allocates nothing.
@usableFromInline
struct BDFDifferences {
    /// Row 0; row `j` starts at `rows + j · stride`.
    @usableFromInline let rows: UnsafeMutablePointer<Double>
    @usableFromInline let stride: Int
    @usableFromInline let dimension: Int
    /// Number of rows (maximum order + 3).
    @usableFromInline let count: Int
    /// 75 values of workspace for the `5 × 5` matrices `R`, `U` and `RU` of ``rescale(order:factor:)``.
    @usableFromInline let matrix: UnsafeMutablePointer<Double>

    @inlinable
    init(rows: UnsafeMutablePointer<Double>, stride: Int, dimension: Int, count: Int, matrix: UnsafeMutablePointer<Double>) {
        self.rows = rows
        self.stride = stride
        self.dimension = dimension
        self.count = count
        self.matrix = matrix
    }

    /// Stores `U = R(1)`, `Uᵢⱼ = Π_{m=1}^{i} (m − 1 − j)/m = (−1)ⁱ C(j, i)` for `i, j = 1…5`, in the
    /// first 25 values of ``matrix``.
    func storeUnitMatrix() {
        for j in 1...5 {
            var product = 1.0
            for i in 1...5 {
                product *= Double(i - 1 - j) / Double(i)
                matrix[(i - 1) * 5 + (j - 1)] = product
            }
        }
    }

    /// Row `j`.
    @inlinable @inline(__always)
    subscript(j: Int) -> UnsafeMutablePointer<Double> { rows + j * stride }

    /// Re-expresses the history for the step size `factor · h` (Shampine & Reichelt's `R U`):
    /// `D'ⱼ = Σᵢ (RU)ᵢⱼ Dᵢ` with `Rᵢⱼ = Π_{m=1}^{i} (m − 1 − ρ j)/m` and `U` the same at `ρ = 1`.
    /// Row 0 is unchanged; rows `k + 1` and `k + 2` are scaled by `ρ^{k+1}` and `ρ^{k+2}`.
    @inlinable
    func rescale(order k: Int, factor rho: Double) {
        guard k >= 1 else { return }
        // R and RU restricted to rows and columns 1…k (row and column 0 are the identity's); U is
        // the same for every ρ and k and was stored once (``storeUnitMatrix()``).
        let u = UnsafePointer(matrix)
        let r = matrix + 25
        let ru = matrix + 50
        let reciprocals: SIMD8<Double> = [0, 1, 1.0 / 2, 1.0 / 3, 1.0 / 4, 1.0 / 5, 0, 0]
        for j in 1...k {
            var product = 1.0
            let rhoJ = rho * Double(j)
            for i in 1...k {
                product *= (Double(i - 1) - rhoJ) * reciprocals[i]
                r[(i - 1) * 5 + (j - 1)] = product
            }
        }
        for i in 0..<k {
            for j in 0..<k {
                // U is upper triangular: U_mj = 0 for m > j.
                var sum = 0.0
                for m in 0...j { sum += r[i * 5 + m] * u[m * 5 + j] }
                ru[i * 5 + j] = sum
            }
        }
        let n = dimension
        var history = SIMD8<Double>()
        for c in 0..<n {
            for i in 1...k { history[i - 1] = rows[i * stride + c] }
            for j in 1...k {
                var sum = 0.0
                for i in 1...k { sum += ru[(i - 1) * 5 + (j - 1)] * history[i - 1] }
                rows[j * stride + c] = sum
            }
        }
        var power = rho
        for _ in 0..<k { power *= rho }
        if k + 1 < count { scale(row: k + 1, by: power) }
        if k + 2 < count { scale(row: k + 2, by: power * rho) }
    }

    /// Multiplies row `j` by `factor`.
    @inlinable
    func scale(row j: Int, by factor: Double) {
        let r = self[j]
        for c in 0..<dimension { r[c] *= factor }
    }

    /// The predictor `y⁽⁰⁾ = Σ_{j=0}^{k} Dⱼ` into `prediction`, and `ψ = Σ_{j=1}^{k} γⱼ Dⱼ / αₖ` into `psi`.
    @inlinable
    func predict(order k: Int, gamma: [Double], alpha: Double, prediction: UnsafeMutablePointer<Double>, psi: UnsafeMutablePointer<Double>) {
        let n = dimension
        let d0 = self[0]
        for c in 0..<n {
            prediction[c] = d0[c]
            psi[c] = 0
        }
        for j in Swift.stride(from: 1, through: k, by: 1) {
            let row = self[j]
            let weight = gamma[j] / alpha
            for c in 0..<n {
                prediction[c] += row[c]
                psi[c] += weight * row[c]
            }
        }
    }

    /// Appends the accepted step whose correction was `d`: `D_{k+2} = d − D_{k+1}`, `D_{k+1} = d`,
    /// then `Dⱼ += D_{j+1}` for `j = k…0`, which turns the differences of `y_n` into those of
    /// `y_{n+1} = y⁽⁰⁾ + d` (since `∇ʲ y_{n+1} − ∇^{j+1} y_{n+1} = ∇ʲ y_n`).
    @inlinable
    func append(correction d: UnsafePointer<Double>, order k: Int) {
        let n = dimension
        let next = self[k + 1]
        if k + 2 < count {
            let last = self[k + 2]
            for c in 0..<n { last[c] = d[c] - next[c] }
        }
        for c in 0..<n { next[c] = d[c] }
        var j = k
        while j >= 0 {
            let row = self[j]
            let above = self[j + 1]
            for c in 0..<n { row[c] += above[c] }
            j -= 1
        }
    }

    /// Replaces rows `0…last` by the backward differences `∇ʲ y(t)` of the values stored in them
    /// (row `j` holding `y(t − j h)` on entry).
    @inlinable
    func differenceValues(through last: Int) {
        guard last >= 1 else { return }
        let n = dimension
        for level in 1...last {
            var j = last
            while j >= level {
                let row = self[j]
                let previous = self[j - 1]
                for c in 0..<n { row[c] = previous[c] - row[c] }
                j -= 1
            }
        }
    }

    /// Sets every row from `first` on to zero.
    @inlinable
    func clear(from first: Int) {
        for j in first..<count {
            let row = self[j]
            for c in 0..<dimension { row[c] = 0 }
        }
    }
}
