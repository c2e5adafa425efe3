/// The piecewise-polynomial continuous solution stored when a solve saves its dense output.
///
/// Step `k` covers `[tₖ, tₖ + hₖ]` and stores `y(tₖ + θhₖ) = Σⱼ θʲ rⱼ` for `j = 0 … degree`
/// (`r₀ = y(tₖ)`), all in one contiguous array.
struct DenseHistory: Sendable {
    let dimension: Int
    let degree: Int
    private(set) var stepStarts: [Double] = []
    private(set) var stepSizes: [Double] = []
    private(set) var coefficients: [Double] = []

    init(dimension: Int, degree: Int) {
        self.dimension = dimension
        self.degree = degree
    }

    var isEmpty: Bool { stepStarts.isEmpty }

    /// Whether `t` lies in the span the stored steps cover.
    func covers(_ t: Double) -> Bool {
        guard let first = stepStarts.first, let lastStart = stepStarts.last, let lastSize = stepSizes.last,
              t.isFinite else { return false }
        let direction: Double = lastSize >= 0 ? 1 : -1
        return direction * (t - first) >= 0 && direction * (lastStart + lastSize - t) >= 0
    }

    /// Appends one step's polynomial: `y0` and the `degree` coefficient vectors, vector `j` at
    /// `terms + j · stride`.
    mutating func append(t: Double, h: Double, y0: UnsafePointer<Double>, terms: UnsafePointer<Double>, stride: Int) {
        stepStarts.append(t)
        stepSizes.append(h)
        coefficients.append(contentsOf: UnsafeBufferPointer(start: y0, count: dimension))
        for j in 0..<degree {
            coefficients.append(contentsOf: UnsafeBufferPointer(start: terms + j * stride, count: dimension))
        }
    }

    /// Evaluates the stored polynomial at `t` (which must lie in the covered span) into `out`.
    func evaluate(at t: Double, into out: UnsafeMutableBufferPointer<Double>) {
        let direction: Double = (stepSizes.first ?? 1) >= 0 ? 1 : -1
        // Last step whose start is at or before t (in the direction of integration).
        var lo = 0
        var hi = stepStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if direction * (stepStarts[mid] - t) <= 0 { lo = mid } else { hi = mid - 1 }
        }
        let theta = (t - stepStarts[lo]) / stepSizes[lo]
        let n = dimension
        let base = lo * n * (degree + 1)
        coefficients.withUnsafeBufferPointer { c in
            for i in 0..<n {
                var acc = 0.0
                var j = degree
                while j >= 1 {
                    acc = (acc + c[base + j * n + i]) * theta
                    j -= 1
                }
                out[i] = c[base + i] + acc
            }
        }
    }
}
