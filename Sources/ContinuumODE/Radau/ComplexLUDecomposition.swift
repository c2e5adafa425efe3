/// The LU factorisation with partial pivoting of a complex `n × n` matrix, for the complex linear
/// system of Radau IIA (`((α + iβ)/h − J) w = r`).
///
/// The matrix is stored split: real parts in ``real`` and imaginary parts in ``imaginary``, both
/// row-major, so that building it from a real Jacobian touches two real arrays and no complex
/// type is needed. Pivots are chosen by `|re| + |im|` (as Hairer's `DECC`), which orders
/// magnitudes within a factor √2 and costs no square root. Rows are swapped physically so that
/// every inner loop runs along contiguous rows. Storage is allocated once; factorising and
/// solving allocate nothing.
///
/// A complex `n × n` factorisation costs about half the flops of factorising the equivalent real
/// `2n × 2n` system `[[A, −B], [B, A]]`.
public final class ComplexLUDecomposition {
    /// The dimension `n`.
    public let dimension: Int
    /// Real parts of the matrix, then of the factors (`L` below the diagonal with a unit
    /// diagonal, `U` on and above).
    public let real: UnsafeMutablePointer<Double>
    /// Imaginary parts, laid out as ``real``.
    public let imaginary: UnsafeMutablePointer<Double>
    /// Row interchanges: at step `k`, rows `k` and `pivots[k]` were swapped.
    @usableFromInline let pivots: UnsafeMutablePointer<Int>
    /// `1 / uₖₖ` (real and imaginary parts).
    @usableFromInline let inverseReal: UnsafeMutablePointer<Double>
    @usableFromInline let inverseImaginary: UnsafeMutablePointer<Double>

    /// Zero-filled storage for `n × n` complex matrices.
    public init(dimension n: Int) {
        precondition(n >= 0, "the dimension cannot be negative")
        dimension = n
        let count = max(n * n, 1)
        real = .allocate(capacity: count)
        real.initialize(repeating: 0, count: count)
        imaginary = .allocate(capacity: count)
        imaginary.initialize(repeating: 0, count: count)
        pivots = .allocate(capacity: max(n, 1))
        pivots.initialize(repeating: 0, count: max(n, 1))
        inverseReal = .allocate(capacity: max(n, 1))
        inverseReal.initialize(repeating: 0, count: max(n, 1))
        inverseImaginary = .allocate(capacity: max(n, 1))
        inverseImaginary.initialize(repeating: 0, count: max(n, 1))
    }

    deinit {
        real.deallocate()
        imaginary.deallocate()
        pivots.deallocate()
        inverseReal.deallocate()
        inverseImaginary.deallocate()
    }

    /// Factorises the matrix in place. Returns false (and leaves the factors unusable) if a pivot
    /// is zero, NaN or infinite.
    @inlinable
    public func factor() -> Bool {
        let n = dimension
        let re = real
        let im = imaginary
        for k in 0..<n {
            var p = k
            var best = abs(re[k * n + k]) + abs(im[k * n + k])
            var i = k + 1
            while i < n {
                let candidate = abs(re[i * n + k]) + abs(im[i * n + k])
                if candidate > best {
                    best = candidate
                    p = i
                }
                i += 1
            }
            pivots[k] = p
            guard best > 0 && best.isFinite else { return false }
            if p != k {
                for j in 0..<n {
                    let tr = re[k * n + j]
                    re[k * n + j] = re[p * n + j]
                    re[p * n + j] = tr
                    let ti = im[k * n + j]
                    im[k * n + j] = im[p * n + j]
                    im[p * n + j] = ti
                }
            }
            // 1 / (a + ib) = (a − ib) / (a² + b²), scaled to avoid overflow.
            let a = re[k * n + k]
            let b = im[k * n + k]
            let scale = 1 / best
            let aScaled = a * scale
            let bs = b * scale
            let denominator = (aScaled * aScaled + bs * bs) * best
            let invRe = aScaled / denominator
            let invIm = -bs / denominator
            inverseReal[k] = invRe
            inverseImaginary[k] = invIm
            let pivotRe = re + k * n
            let pivotIm = im + k * n
            i = k + 1
            while i < n {
                let rowRe = re + i * n
                let rowIm = im + i * n
                let lr = rowRe[k] * invRe - rowIm[k] * invIm
                let li = rowRe[k] * invIm + rowIm[k] * invRe
                rowRe[k] = lr
                rowIm[k] = li
                if lr != 0 || li != 0 {
                    var j = k + 1
                    while j < n {
                        let ur = pivotRe[j]
                        let ui = pivotIm[j]
                        rowRe[j] -= lr * ur - li * ui
                        rowIm[j] -= lr * ui + li * ur
                        j += 1
                    }
                }
                i += 1
            }
        }
        return true
    }

    /// Overwrites `(x, y)` with the solution `u + iv` of `M (u + iv) = x + iy`, given a successful
    /// ``factor()``.
    @inlinable
    public func solve(real x: UnsafeMutablePointer<Double>, imaginary y: UnsafeMutablePointer<Double>) {
        let n = dimension
        let re = UnsafePointer(real)
        let im = UnsafePointer(imaginary)
        for k in 0..<n {
            let p = pivots[k]
            if p != k {
                let tx = x[k]
                x[k] = x[p]
                x[p] = tx
                let ty = y[k]
                y[k] = y[p]
                y[p] = ty
            }
        }
        var i = 1
        while i < n {
            let rowRe = re + i * n
            let rowIm = im + i * n
            var sr = x[i]
            var si = y[i]
            for j in 0..<i {
                sr -= rowRe[j] * x[j] - rowIm[j] * y[j]
                si -= rowRe[j] * y[j] + rowIm[j] * x[j]
            }
            x[i] = sr
            y[i] = si
            i += 1
        }
        i = n - 1
        while i >= 0 {
            let rowRe = re + i * n
            let rowIm = im + i * n
            var sr = x[i]
            var si = y[i]
            var j = i + 1
            while j < n {
                sr -= rowRe[j] * x[j] - rowIm[j] * y[j]
                si -= rowRe[j] * y[j] + rowIm[j] * x[j]
                j += 1
            }
            x[i] = sr * inverseReal[i] - si * inverseImaginary[i]
            y[i] = sr * inverseImaginary[i] + si * inverseReal[i]
            i -= 1
        }
    }
}
