/// The Brownian bridge with space-time Lévy area, bisected: given an interval's increment `w` and
/// area `H` (width `h`), sample the left half's `(w₁, H₁)`; the right half follows.
///
/// With `d = w₁ − w₂` and `S = H₁ + H₂`, the halves' relation `H = S/2 + d/4` and the independence
/// of `w ~ N(0, h)`, `d ~ N(0, h)`, `S, D = H₁ − H₂ ~ N(0, h/12)` give, conditionally on `(w, H)`,
///
///     w₁ = w/2 + 3H/2 + (√h/4) z₁,   S = H/2 − (√h/4) z₁,   D = √(h/12) z₂,
///     H₁ = (S + D)/2,   H₂ = (S − D)/2,   w₂ = w − w₁
///
/// (Foster's bridge formulas); without areas the midpoint is the classical `w₁ = w/2 + (√h/2) z₁`.
public enum BrownianBridge {
    /// The left half `(w₁, H₁)` and the right half's area `H₂` of an interval of width `h`.
    @inlinable
    public static func bisect(
        increment w: Double, area: Double, width h: Double, normals z: (Double, Double)
    ) -> (leftIncrement: Double, leftArea: Double, rightArea: Double) {
        let quarterRoot = 0.25 * h.squareRoot()
        let w1 = 0.5 * w + 1.5 * area + quarterRoot * z.0
        let s = 0.5 * area - quarterRoot * z.0
        let d = (h / 12).squareRoot() * z.1
        return (w1, 0.5 * (s + d), 0.5 * (s - d))
    }

    /// The left half's increment of an interval of width `h` without areas.
    @inlinable
    public static func bisect(increment w: Double, width h: Double, normal z: Double) -> Double {
        0.5 * w + 0.5 * h.squareRoot() * z
    }
}
