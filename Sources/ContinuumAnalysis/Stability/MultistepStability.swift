import ContinuumODE
import Foundation

/// The linear stability of a linear multistep method `Σⱼ αⱼ y_{n+j} = h Σⱼ βⱼ f_{n+j}`, from its
/// characteristic polynomials `ρ(ζ) = Σ αⱼζʲ` and `σ(ζ) = Σ βⱼζʲ`.
///
/// On `y' = λy` the iterates are combinations of `ζⁿ` over the roots of `ρ(ζ) − zσ(ζ)`; the
/// amplification at `z` is the largest root modulus, and the region's boundary lies on the
/// *boundary locus* `z(θ) = ρ(e^{iθ})/σ(e^{iθ})` (the root-locus curve), the image of the unit circle.
public struct MultistepStability: LinearStability {
    public let name: String
    /// Classical order.
    public let order: Int
    /// `ρ` and `σ`, ascending coefficients.
    public let rho: [Double]
    public let sigma: [Double]

    /// The method with characteristic polynomials `rho` and `sigma` (ascending coefficients).
    public init(name: String, order: Int, rho: [Double], sigma: [Double]) {
        precondition(!rho.isEmpty && rho.count == sigma.count, "\(name): ρ and σ need the same number of coefficients")
        self.name = name
        self.order = order
        self.rho = rho
        self.sigma = sigma
    }

    /// The fixed-order formula of order `order` (1…5) of `coefficients` (BDF or NDF), from the
    /// backward-difference form ``BDFCoefficients`` stores:
    /// `Σⱼ₌₁ᵏ (γⱼ − γⱼ₋₁) ∇ʲy_{n+1} − κₖγₖ ∇ᵏ⁺¹y_{n+1} = h f_{n+1}`, with `κₖγₖ = γₖ − αₖ`.
    /// With `∇ ↦ 1 − 1/ζ` and multiplying by `ζᵏ⁺¹`: `ρ(ζ) = Σⱼ (γⱼ − γⱼ₋₁)(ζ − 1)ʲ ζᵏ⁺¹⁻ʲ −
    /// κₖγₖ(ζ − 1)ᵏ⁺¹`, `σ(ζ) = ζᵏ⁺¹`; a common factor `ζ` (every BDF) is divided out.
    public static func backwardDifferentiation(order k: Int, _ coefficients: BDFCoefficients) -> MultistepStability {
        precondition((1...5).contains(k), "BDF orders run from 1 to 5, got \(k)")
        let degree = k + 1
        var rho = [Double](repeating: 0, count: degree + 1)
        func add(_ scale: Double, power j: Int, shift: Int) {
            // scale · (ζ − 1)ʲ · ζ^shift, expanded binomially.
            var binomial = 1.0
            for i in 0...j {
                rho[i + shift] += scale * binomial * (((j - i) % 2 == 0) ? 1 : -1)
                binomial = binomial * Double(j - i) / Double(i + 1)
            }
        }
        for j in 1...k { add(coefficients.gamma[j] - coefficients.gamma[j - 1], power: j, shift: degree - j) }
        add(-(coefficients.gamma[k] - coefficients.alpha[k]), power: degree, shift: 0)
        var sigma = [Double](repeating: 0, count: degree + 1)
        sigma[degree] = 1
        while rho.first == 0 && sigma.first == 0 {
            rho.removeFirst()
            sigma.removeFirst()
        }
        let prefix = coefficients.formula == .bdf ? "bdf" : "ndf"
        return MultistepStability(name: "\(prefix)\(k)", order: k, rho: rho, sigma: sigma)
    }

    public func amplification(at z: Complex) -> Double {
        var polynomial = zip(rho, sigma).map { Complex($0) - $1 * z }
        let scale = polynomial.map(\.magnitude).max() ?? 0
        guard let last = polynomial.last, last.magnitude > 1e-13 * scale else { return .infinity }
        while polynomial.first == .zero && polynomial.count > 1 { polynomial.removeFirst() }
        return ComplexPolynomial.roots(polynomial).map(\.magnitude).max() ?? 0
    }

    /// The largest root modulus of `σ`, where the roots of `ρ − zσ` go as `|z| → ∞`.
    public var amplificationAtInfinity: Double {
        let trimmed = ComplexPolynomial.trimmed(sigma.map { Complex($0) }, relativeTolerance: 1e-14)
        guard trimmed.count > 1 else { return sigma.count > 1 ? .infinity : 0 }
        return ComplexPolynomial.roots(trimmed).map(\.magnitude).max() ?? 0
    }

    /// Points of the boundary locus with `Re z < 0`: where the instability region reaches into the
    /// left half-plane (for methods whose `ρ/σ` is analytic outside the unit disc, as BDFs, the
    /// region is A-stable exactly when there are none).
    public func leftHalfPlaneSingularities() -> [Complex] {
        boundaryLocus(samples: 4096).filter { $0.re < -1e-12 }
    }

    /// Off the imaginary axis the sign of `Re d` decides (the principal root is `≈ e^{td}`). Along
    /// `±i` the boundary locus near 0 is tangent to the axis, `z(θ) ≈ iθ + C(iθ)^{p+1}`, and the
    /// axis is stable near 0 when the locus bends into `Re z ≥ 0` there; evaluated at `θ = ±0.01`,
    /// where `Re z(θ) ~ θ^{p+1}` is still far above rounding.
    public func isStableNearOrigin(along direction: Complex) -> Bool {
        if abs(direction.re) > 1e-9 * direction.magnitude { return direction.re < 0 }
        let theta = direction.im > 0 ? 0.01 : -0.01
        let zeta = Complex(magnitude: 1, phase: theta)
        let z = ComplexPolynomial.evaluate(rho.map { Complex($0) }, at: zeta)
            / ComplexPolynomial.evaluate(sigma.map { Complex($0) }, at: zeta)
        return z.re >= 0
    }

    /// The A(α) angle from the boundary locus: the smallest `|arg(−z)|` over its points (the sector
    /// is free of instability exactly up to the first locus point it meets), at most π/2.
    public func sectorAngle() -> Double {
        guard amplificationAtInfinity <= 1 else { return 0 }
        var angle = Double.pi / 2
        for z in boundaryLocus(samples: 20000) where z.magnitude > 1e-9 {
            angle = min(angle, abs((-z).phase))
        }
        return angle
    }

    /// `z(θ) = ρ(e^{iθ})/σ(e^{iθ})` at `samples + 1` equally spaced `θ ∈ [0, 2π]` (a closed curve).
    public func boundaryLocus(samples: Int) -> [Complex] {
        let rhoC = rho.map { Complex($0) }, sigmaC = sigma.map { Complex($0) }
        return (0...samples).map { k in
            let zeta = Complex(magnitude: 1, phase: 2 * Double.pi * Double(k) / Double(samples))
            return ComplexPolynomial.evaluate(rhoC, at: zeta) / ComplexPolynomial.evaluate(sigmaC, at: zeta)
        }
    }
}
