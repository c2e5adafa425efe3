/// The piecewise-polynomial continuous solution stored when a solve saves its dense output.
///
/// Step `k` covers `[tₖ, tₖ + hₖ]` and stores `y(tₖ + θhₖ) = Σⱼ θʲ rⱼ` for `j = 0 … degree`
/// (`r₀ = y(tₖ)`), all in one contiguous array.
public struct DenseHistory: Sendable {
    /// State dimension.
    public let dimension: Int
    /// Polynomial degree in `θ`.
    public let degree: Int
    /// Start time of every step.
    public internal(set) var stepStarts: [Double] = []
    /// Signed size of every step.
    public internal(set) var stepSizes: [Double] = []
    /// Per step, `degree + 1` coefficient vectors of `dimension` values.
    public internal(set) var coefficients: [Double] = []

    init(dimension: Int, degree: Int) {
        self.dimension = dimension
        self.degree = degree
    }

    /// A history with no steps.
    public static let empty = DenseHistory(dimension: 0, degree: 0)

    /// Whether no step is stored.
    public var isEmpty: Bool { stepStarts.isEmpty }

    /// Whether `t` lies in the span the stored steps cover.
    public func covers(_ t: Double) -> Bool {
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
    public func evaluate(at t: Double, into out: UnsafeMutableBufferPointer<Double>) {
        var hint = 0
        evaluate(at: t, into: out, hint: &hint)
    }

    /// Evaluates at `t` into `out`, starting the search for the step from `hint` and leaving the
    /// step used there: consecutive queries at nearby times (an adjoint sweeping backwards) find
    /// their step in constant time.
    @inlinable
    public func evaluate(at t: Double, into out: UnsafeMutableBufferPointer<Double>, hint: inout Int) {
        let n = dimension
        let count = stepStarts.count
        let direction: Double = (stepSizes.first ?? 1) >= 0 ? 1 : -1
        var k = min(max(hint, 0), count - 1)
        stepStarts.withUnsafeBufferPointer { starts in
            // Step k holds t when starts[k] ≤ t (in the direction of integration) and, unless k is
            // the last step, t < starts[k + 1]. Walk a few steps from the hint, else bisect.
            var walked = 0
            while walked < 4 {
                if direction * (starts[k] - t) > 0 {
                    if k == 0 { break }
                    k -= 1
                } else if k + 1 < count && direction * (starts[k + 1] - t) <= 0 {
                    k += 1
                } else {
                    break
                }
                walked += 1
            }
            if walked == 4 {
                var lo = 0
                var hi = count - 1
                while lo < hi {
                    let mid = (lo + hi + 1) / 2
                    if direction * (starts[mid] - t) <= 0 { lo = mid } else { hi = mid - 1 }
                }
                k = lo
            }
        }
        hint = k
        let theta = (t - stepStarts[k]) / stepSizes[k]
        let base = k * n * (degree + 1)
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
