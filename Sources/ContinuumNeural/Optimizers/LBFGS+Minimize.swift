extension LBFGS {
    /// Minimises `objective` from `x`, leaving the best point found in `x`. The objective writes
    /// `∇f(x)` into its second argument and returns `f(x)`.
    public func minimize(
        _ x: inout [Double], objective: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Double
    ) -> Result {
        let n = x.count
        let m = historySize
        var s = [Double](repeating: 0, count: m * n)
        var y = [Double](repeating: 0, count: m * n)
        var rho = [Double](repeating: 0, count: m)
        var alpha = [Double](repeating: 0, count: m)
        var gradient = [Double](repeating: 0, count: n)
        var direction = [Double](repeating: 0, count: n)
        var trialX = [Double](repeating: 0, count: n)
        var trialGradient = [Double](repeating: 0, count: n)
        var evaluations = 1
        var value = x.withUnsafeBufferPointer { xb in gradient.withUnsafeMutableBufferPointer { objective(xb, $0) } }
        func infinityNorm(_ v: [Double]) -> Double { v.reduce(0) { Swift.max($0, $1.magnitude) } }
        guard value.isFinite, gradient.allSatisfy(\.isFinite) else {
            return Result(value: value, gradientNorm: .nan, iterations: 0, evaluations: 1, status: .nonFiniteStart)
        }
        var stored = 0
        var newest = -1
        for iteration in 0..<maxIterations {
            let gradientNorm = infinityNorm(gradient)
            if gradientNorm <= gradientTolerance {
                return Result(
                    value: value, gradientNorm: gradientNorm, iterations: iteration, evaluations: evaluations,
                    status: .converged)
            }
            // Two-loop recursion: direction = −H ∇f.
            for k in 0..<n { direction[k] = -gradient[k] }
            for j in 0..<stored {
                let slot = (newest - j + m) % m
                let offset = slot * n
                var a = 0.0
                for k in 0..<n { a += s[offset + k] * direction[k] }
                a *= rho[slot]
                alpha[slot] = a
                for k in 0..<n { direction[k] -= a * y[offset + k] }
            }
            if stored > 0 {
                let offset = newest * n
                var sy = 0.0
                var yy = 0.0
                for k in 0..<n {
                    sy += s[offset + k] * y[offset + k]
                    yy += y[offset + k] * y[offset + k]
                }
                for k in 0..<n { direction[k] *= sy / yy }
            }
            for j in stride(from: stored - 1, through: 0, by: -1) {
                let slot = (newest - j + m) % m
                let offset = slot * n
                var b = 0.0
                for k in 0..<n { b += y[offset + k] * direction[k] }
                b *= rho[slot]
                for k in 0..<n { direction[k] += (alpha[slot] - b) * s[offset + k] }
            }
            var slope = 0.0
            for k in 0..<n { slope += gradient[k] * direction[k] }
            if !(slope < 0) {  // not a descent direction (lost curvature): restart from −∇f
                stored = 0
                for k in 0..<n { direction[k] = -gradient[k] }
                slope = -gradient.reduce(0) { $0 + $1 * $1 }
            }
            let initialStep = stored == 0 ? Swift.min(1, 1 / gradientNorm) : 1
            let origin = LineSearch.Trial(step: 0, value: value, slope: slope)
            let accepted = lineSearch.search(
                initialStep: initialStep, at: origin, maxEvaluations: maxLineSearchEvaluations
            ) { step in
                evaluations += 1
                for k in 0..<n { trialX[k] = x[k] + step * direction[k] }
                let f = trialX.withUnsafeBufferPointer { xb in
                    trialGradient.withUnsafeMutableBufferPointer { objective(xb, $0) }
                }
                var d = 0.0
                for k in 0..<n { d += trialGradient[k] * direction[k] }
                return LineSearch.Trial(step: step, value: f, slope: d)
            }
            guard let accepted else {
                return Result(
                    value: value, gradientNorm: gradientNorm, iterations: iteration, evaluations: evaluations,
                    status: .lineSearchFailed)
            }
            // Store the pair (s, y) = (α d, ∇f₊ − ∇f) if its curvature is safely positive.
            let slot = (newest + 1) % m
            let offset = slot * n
            var sy = 0.0
            var ss = 0.0
            var yy = 0.0
            for k in 0..<n {
                let sk = accepted.step * direction[k]
                let yk = trialGradient[k] - gradient[k]
                s[offset + k] = sk
                y[offset + k] = yk
                sy += sk * yk
                ss += sk * sk
                yy += yk * yk
            }
            if sy > 1e-10 * (ss * yy).squareRoot() {
                rho[slot] = 1 / sy
                newest = slot
                stored = Swift.min(stored + 1, m)
            }
            let previousValue = value
            swap(&x, &trialX)
            swap(&gradient, &trialGradient)
            value = accepted.value
            if valueTolerance > 0, (previousValue - value).magnitude <= valueTolerance * Swift.max(value.magnitude, 1) {
                return Result(
                    value: value, gradientNorm: infinityNorm(gradient), iterations: iteration + 1,
                    evaluations: evaluations, status: .valueStalled)
            }
        }
        let gradientNorm = infinityNorm(gradient)
        let status: Status = gradientNorm <= gradientTolerance ? .converged : .maxIterationsReached
        return Result(
            value: value, gradientNorm: gradientNorm, iterations: maxIterations, evaluations: evaluations,
            status: status)
    }
}
