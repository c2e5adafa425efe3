extension OneStepStability {
    /// `P` and `Q` of a lower-triangular stage system by forward substitution in polynomial
    /// arithmetic, without interpolation or pivoting: with `dᵢ(z) = M₀ᵢᵢ + z M₁ᵢᵢ` and
    /// `Dᵢ = d₀⋯dᵢ`, the stages are `uᵢ = Nᵢ/Dᵢ` with
    ///
    ///     Nᵢ = z rᵢ Dᵢ₋₁ − Σⱼ<ᵢ (M₀ᵢⱼ + z M₁ᵢⱼ) Nⱼ dⱼ₊₁⋯dᵢ₋₁,
    ///
    /// and `Q = Dₛ₋₁`, `P = Q + Σᵢ wᵢ Nᵢ dᵢ₊₁⋯dₛ₋₁`. For an explicit method this produces the
    /// coefficients `bᵀAᵏ⁻¹1` as sums of products, as accurate as the tableau's entries allow.
    static func triangularPolynomials(
        _ m0: [[Double]], _ m1: [[Double]], _ r: [Double], _ w: [Double]
    ) -> (numerator: [Double], denominator: [Double]) {
        let s = w.count
        let d = (0..<s).map { [m0[$0][$0], m1[$0][$0]] }
        /// `dⱼ₊₁ ⋯ dᵢ₋₁`-style products `d[from..<to]`.
        func product(_ from: Int, _ to: Int) -> [Double] {
            (from..<max(from, to)).reduce([1.0]) { multiply($0, d[$1]) }
        }
        var n: [[Double]] = []
        for i in 0..<s {
            var value = multiply([0, r[i]], product(0, i))
            for j in 0..<i where m0[i][j] != 0 || m1[i][j] != 0 {
                value = add(value, multiply([-m0[i][j], -m1[i][j]], multiply(n[j], product(j + 1, i))))
            }
            n.append(value)
        }
        let q = product(0, s)
        var p = q
        for i in 0..<s where w[i] != 0 { p = add(p, multiply([w[i]], multiply(n[i], product(i + 1, s)))) }
        return (p, q)
    }

    private static func multiply(_ a: [Double], _ b: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: a.count + b.count - 1)
        for (i, x) in a.enumerated() where x != 0 { for (j, y) in b.enumerated() { result[i + j] += x * y } }
        return result
    }

    private static func add(_ a: [Double], _ b: [Double]) -> [Double] {
        (0..<max(a.count, b.count)).map { (($0 < a.count) ? a[$0] : 0) + (($0 < b.count) ? b[$0] : 0) }
    }
}
