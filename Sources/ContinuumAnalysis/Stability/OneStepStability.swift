/// The stability function `R(z)` of a one-step method, computed from its coefficients.
///
/// Every family reduces on `y' = λy` (with `z = hλ`) to a linear system for its `s` stage
/// quantities `u` that is affine in `z`:
///
///     (M₀ + z M₁) u = z r,      y₁ = (1 + wᵀu) y₀,   so   R(z) = 1 + wᵀ(M₀ + z M₁)⁻¹ z r.
///
/// For a Runge-Kutta method with Butcher matrix `A` and weights `b` this is `M₀ = I`, `M₁ = −A`,
/// `r = 1`, `w = b`: the familiar `R(z) = 1 + z bᵀ(I − zA)⁻¹1`. Rosenbrock methods in transformed
/// form give triangular `M₀`, `M₁` (see ``rosenbrock(_:embedded:)``). By the determinant identity
/// `1 + wᵀM⁻¹x = det(M + x wᵀ)/det M`,
///
///     R(z) = P(z)/Q(z),   P(z) = det(M₀ + z(M₁ + r wᵀ)),   Q(z) = det(M₀ + z M₁),
///
/// both of degree at most `s`; ``numerator`` and ``denominator`` hold their coefficients (by
/// polynomial forward substitution when the system is triangular, else interpolated at the roots
/// of unity), which give the poles, `R(∞)` and the series at 0. Values are computed
/// from the linear system, which stays accurate where the polynomials would cancel.
public struct OneStepStability: LinearStability {
    public let name: String
    /// The classical order the method claims (for reports; ``taylorCoefficients(count:)`` checks it).
    public let order: Int
    /// Number of stage quantities `s`.
    public let stageCount: Int
    /// `M₀`, `M₁` row-major, `r` and `w`.
    let constantPart: [Double]
    let linearPart: [Double]
    let load: [Double]
    let weights: [Double]
    let isLowerTriangular: Bool
    /// Coefficients of `P` and `Q`, ascending, trailing rounding noise trimmed.
    public let numerator: [Double]
    public let denominator: [Double]

    /// The method with stage system `(M₀ + zM₁)u = zr` and solution weights `w` (matrices as rows).
    public init(name: String, order: Int, constantPart m0: [[Double]], linearPart m1: [[Double]], load r: [Double], weights w: [Double]) {
        let s = w.count
        precondition(m0.count == s && m1.count == s && r.count == s, "\(name): the stage system needs \(s) rows")
        precondition((m0 + m1).allSatisfy { $0.count == s }, "\(name): the stage matrices must be \(s) × \(s)")
        self.name = name
        self.order = order
        stageCount = s
        constantPart = m0.flatMap { $0 }
        linearPart = m1.flatMap { $0 }
        load = r
        weights = w
        isLowerTriangular = (0..<s).allSatisfy { i in ((i + 1)..<s).allSatisfy { j in m0[i][j] == 0 && m1[i][j] == 0 } }
        if isLowerTriangular {
            let (p, q) = Self.triangularPolynomials(m0, m1, r, w)
            numerator = Self.trimmed(p)
            denominator = Self.trimmed(q)
        } else {
            var rankOne = m1
            for i in 0..<s { for j in 0..<s { rankOne[i][j] += r[i] * w[j] } }
            numerator = Self.trimmed(Self.determinantPolynomial(m0, rankOne))
            denominator = Self.trimmed(Self.determinantPolynomial(m0, m1))
        }
    }

    /// The Runge-Kutta method with Butcher matrix `a` (full `s × s`) and weights `b`.
    public static func rungeKutta(name: String, order: Int, a: [[Double]], b: [Double]) -> OneStepStability {
        let s = b.count
        let identity = (0..<s).map { i in (0..<s).map { $0 == i ? 1.0 : 0 } }
        return OneStepStability(name: name, order: order, constantPart: identity,
                                linearPart: a.map { $0.map { -$0 } }, load: [Double](repeating: 1, count: s), weights: b)
    }

    /// `R(z)`.
    public func value(at z: Complex) -> Complex {
        let s = stageCount
        return withUnsafeTemporaryAllocation(of: Complex.self, capacity: s * s + s) { buffer in
            let matrix = UnsafeMutableBufferPointer(rebasing: buffer[0..<(s * s)])
            let u = UnsafeMutableBufferPointer(rebasing: buffer[(s * s)...])
            for k in 0..<(s * s) { matrix[k] = Complex(constantPart[k]) + linearPart[k] * z }
            for i in 0..<s { u[i] = load[i] * z }
            if isLowerTriangular {
                for i in 0..<s {
                    var sum = u[i]
                    for j in 0..<i { sum -= matrix[i * s + j] * u[j] }
                    u[i] = sum / matrix[i * s + i]
                }
            } else if ComplexElimination.solve(matrix, u, dimension: s) == .zero {
                return Complex(.infinity, 0)
            }
            var result = Complex.one
            for i in 0..<s { result += weights[i] * u[i] }
            return result
        }
    }

    public func amplification(at z: Complex) -> Double {
        let r = value(at: z).magnitude
        return r.isNaN ? .infinity : r
    }

    /// `|R(∞)|` from the degrees and leading coefficients of `P` and `Q`.
    public var amplificationAtInfinity: Double {
        let p = numerator.count - 1, q = denominator.count - 1
        if p > q { return .infinity }
        if p < q { return 0 }
        return abs(numerator[p] / denominator[q])
    }

    /// The poles of `R` (roots of `Q`) with negative real part.
    public func leftHalfPlaneSingularities() -> [Complex] {
        poles.filter { $0.re < -1e-12 * max(1, $0.magnitude) }
    }

    /// Decided exactly from `E(t) = |Q(td)|² − |P(td)|²`, a polynomial in `t` (Hairer & Wanner's
    /// E-polynomial when `d = i`): stable for small `t` when its lowest significant coefficient is
    /// positive, or when it vanishes identically (`|R| = 1` along the line). On the imaginary axis
    /// the coefficients up to the method's order are zero in exact arithmetic and are skipped.
    public func isStableNearOrigin(along direction: Complex) -> Bool {
        func scaled(_ coefficients: [Double]) -> [Complex] {
            var power = Complex.one
            return coefficients.map { c in
                defer { power *= direction }
                return c * power
            }
        }
        let p = scaled(numerator), q = scaled(denominator)
        let degree = 2 * max(p.count, q.count)
        var e = [Double](repeating: 0, count: degree)
        var scale = 0.0
        for (list, sign) in [(q, 1.0), (p, -1.0)] {
            for (j, a) in list.enumerated() {
                for (k, b) in list.enumerated() {
                    let term = (a * b.conjugate).re
                    e[j + k] += sign * term
                    scale = max(scale, abs(term))
                }
            }
        }
        // On the imaginary axis |R(iy)|² = 1 + O(y^{p+1}) for a method of order p: the terms up to
        // yᵖ vanish exactly, and what rounding of the tableau leaves there must not decide.
        let exact = direction.re == 0 ? order + 1 : 0
        guard let first = e.dropFirst(exact).first(where: { abs($0) > 1e-12 * scale }) else { return true }
        return first > 0
    }

    /// All poles of `R`: the roots of `Q`, i.e. `1/μ` for the non-zero eigenvalues `μ` of `A` for a
    /// Runge-Kutta method.
    public var poles: [Complex] { ComplexPolynomial.roots(denominator.map { Complex($0) }) }

    /// The first `count` Taylor coefficients of `R` at 0, by dividing the series of `P` by that of
    /// `Q`. A method of order `p` has `1/k!` for `k ≤ p`, like `eᶻ`.
    public func taylorCoefficients(count: Int) -> [Double] {
        var result: [Double] = []
        for k in 0..<count {
            var c = k < numerator.count ? numerator[k] : 0
            for j in stride(from: 1, through: min(k, denominator.count - 1), by: 1) { c -= denominator[j] * result[k - j] }
            result.append(c / denominator[0])
        }
        return result
    }

    /// Coefficients of `det(M₀ + zN)` (degree ≤ s) from its values at the roots of unity.
    static func determinantPolynomial(_ m0: [[Double]], _ n: [[Double]]) -> [Double] {
        let s = m0.count
        let values = (0...s).map { k -> Complex in
            let z = Complex(magnitude: 1, phase: 2 * Double.pi * Double(k) / Double(s + 1))
            var matrix = (0..<(s * s)).map { Complex(m0[$0 / s][$0 % s]) + n[$0 / s][$0 % s] * z }
            return matrix.withUnsafeMutableBufferPointer { ComplexElimination.solve($0, nil, dimension: s) }
        }
        return ComplexPolynomial.interpolatingRootsOfUnity(values).map(\.re)
    }

    /// Without the trailing coefficients that are rounding noise of exactly cancelling terms.
    static func trimmed(_ coefficients: [Double]) -> [Double] {
        ComplexPolynomial.trimmed(coefficients.map { Complex($0) }, relativeTolerance: 1e-12).map(\.re)
    }
}
