/// Finds a root of a continuous scalar function on a bracketing interval by the Anderson-Björck
/// variant of regula falsi: superlinear in practice and never leaves the bracket.
@usableFromInline
enum RootBracket {
    /// Returns `x` in `[a, b]` with `g(x) ≈ 0`, given `g(a)` and `g(b)` of opposite signs (or one
    /// zero). Stops when the bracket is narrower than `tolerance`.
    @inlinable
    static func solve(
        _ a: Double, _ b: Double, ga: Double, gb: Double, tolerance: Double,
        _ g: (Double) -> Double
    ) -> Double {
        if gb == 0 { return b }
        if ga == 0 { return a }
        var (a, b, fa, fb) = (a, b, ga, gb)
        for _ in 0..<200 {
            if abs(b - a) <= tolerance { break }
            var x = b - fb * (b - a) / (fb - fa)
            // Keep the iterate strictly inside the bracket; fall back to bisection otherwise.
            if !(x > min(a, b) && x < max(a, b)) { x = 0.5 * (a + b) }
            let fx = g(x)
            if fx == 0 { return x }
            if (fx < 0) == (fb < 0) {
                // x replaces b; a stays: damp fa (Anderson-Björck).
                let m = 1 - fx / fb
                fa *= m > 0 ? m : 0.5
                b = x
                fb = fx
            } else {
                a = b
                fa = fb
                b = x
                fb = fx
            }
        }
        return b
    }
}
