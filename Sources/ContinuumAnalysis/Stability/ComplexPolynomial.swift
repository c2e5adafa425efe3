import Foundation

/// Polynomials with complex coefficients, stored in ascending order (`c[0] + c[1]x + …`): the
/// numerator and denominator of a one-step method's stability function and the characteristic
/// polynomial `ρ(ζ) − zσ(ζ)` of a multistep method.
public enum ComplexPolynomial {
    /// `Σ cₖ xᵏ` by Horner's rule.
    @inlinable
    public static func evaluate(_ coefficients: [Complex], at x: Complex) -> Complex {
        var value = Complex.zero
        for c in coefficients.reversed() { value = value * x + c }
        return value
    }

    /// The coefficients without trailing (highest-degree) entries of magnitude at most
    /// `relativeTolerance` times the largest one: what rounding leaves of terms that cancel exactly.
    public static func trimmed(_ coefficients: [Complex], relativeTolerance: Double) -> [Complex] {
        let largest = coefficients.map(\.magnitude).max() ?? 0
        var result = coefficients
        while let last = result.last, last.magnitude <= relativeTolerance * largest { result.removeLast() }
        return result
    }

    /// All roots, with multiplicity, by the Durand–Kerner (Weierstrass) simultaneous iteration on
    /// the monic polynomial, started on a circle of Cauchy's root-bound radius and polished by
    /// Newton's method. The highest coefficient must be non-zero (see ``trimmed(_:relativeTolerance:)``).
    /// Degrees here are small (≤ 13), where the iteration converges reliably and quickly.
    public static func roots(_ coefficients: [Complex]) -> [Complex] {
        let n = coefficients.count - 1
        guard n >= 1, let lead = coefficients.last, lead != .zero else { return [] }
        let monic = coefficients.map { $0 / lead }
        // Cauchy: every root satisfies |x| ≤ 1 + max |cₖ/cₙ|.
        let radius = 1 + (monic.dropLast().map(\.magnitude).max() ?? 0)
        // A start that is not symmetric about the real axis, so conjugate roots separate.
        var x = (0..<n).map { Complex(magnitude: radius, phase: 2 * Double.pi * Double($0) / Double(n) + 0.4) }
        for _ in 0..<500 {
            var change = 0.0
            for i in 0..<n {
                var denominator = Complex.one
                for j in 0..<n where j != i { denominator *= x[i] - x[j] }
                if denominator == .zero { denominator = Complex(1e-300) }
                let step = evaluate(monic, at: x[i]) / denominator
                x[i] -= step
                change = max(change, step.magnitude / max(1, x[i].magnitude))
            }
            if change < 1e-15 { break }
        }
        let derivative = (1...n).map { Double($0) * monic[$0] }
        return x.map { root in
            var r = root
            for _ in 0..<3 {
                let slope = evaluate(derivative, at: r)
                guard slope.magnitude > 0 else { break }
                let step = evaluate(monic, at: r) / slope
                guard step.isFinite, step.magnitude < 1e-3 * max(1, r.magnitude) else { break }
                r -= step
            }
            return r
        }
    }

    /// The coefficients of the polynomial of degree at most `degree` whose values at the
    /// `degree + 1` points `ωᵏ` (`ω = e^{2πi/(degree+1)}`) are `values`: the inverse discrete
    /// Fourier transform, exact up to rounding and well conditioned on the unit circle.
    public static func interpolatingRootsOfUnity(_ values: [Complex]) -> [Complex] {
        let count = values.count
        return (0..<count).map { j in
            var sum = Complex.zero
            for (k, value) in values.enumerated() {
                sum += value * Complex(magnitude: 1, phase: -2 * Double.pi * Double(j * k) / Double(count))
            }
            return (1 / Double(count)) * sum
        }
    }
}
