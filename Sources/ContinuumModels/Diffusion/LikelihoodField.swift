import ContinuumODE

/// The probability flow augmented with the instantaneous change of variables: state `[x, ℓ₁…ℓₘ]`
/// with `dx/dt = v(x, t)` and `dℓᵢ/dt = ∇·v` (exact, `m = 1`) or `εᵢᵀ (∂v/∂x) εᵢ` (Hutchinson).
///
/// With `v = b x − ½g²(I + A)s`, `∇·v = d b − ½g² Δ log p` (the trace of `A ∇s` vanishes since `A`
/// is antisymmetric and `∇s` symmetric), and `εᵀ(∂v/∂x)ε = b|ε|² − ½g² εᵀ(I + A)(∇s)ε`.
public struct LikelihoodField<Score: ScoreWithJacobian>: VectorField, Sendable {
    /// The flow being followed.
    public let flow: ProbabilityFlow<Score>
    /// Hutchinson probes (`m × d`), empty for the exact divergence.
    public let probes: [Double]
    /// The number of accumulated integrals `m`.
    public let integrals: Int

    /// The augmented field of `flow`; `probes` empty means the exact divergence.
    public init(flow: ProbabilityFlow<Score>, probes: [Double]) {
        self.flow = flow
        self.probes = probes
        self.integrals = probes.isEmpty ? 1 : probes.count / flow.dimension
    }

    public var dimension: Int { flow.dimension + integrals }

    @inlinable
    public func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        let d = flow.dimension
        let sde = flow.sde
        let b = sde.driftCoefficient(at: t)
        let halfG2 = 0.5 * sde.diffusionSquared(at: t)
        let x = UnsafeBufferPointer(rebasing: y[0..<d])
        let m = probes.isEmpty ? 0 : integrals
        withUnsafeTemporaryAllocation(of: Double.self, capacity: d * (m + 2)) { scratch in
            let s = UnsafeMutableBufferPointer(rebasing: scratch[0..<d])
            let rotated = UnsafeMutableBufferPointer(rebasing: scratch[d..<(2 * d)])
            let products = UnsafeMutableBufferPointer(rebasing: scratch[(2 * d)...])
            if m == 0 {
                let laplacian = flow.scoreFunction.scoreAndLaplacian(x, at: t, into: s)
                dy[d] = Double(d) * b - halfG2 * laplacian
            } else {
                probes.withUnsafeBufferPointer { e in
                    flow.scoreFunction.scoreAndJacobianProducts(x, at: t, probes: e, score: s, products: products)
                    for p in 0..<m {
                        let hv = UnsafeMutableBufferPointer(rebasing: products[(p * d)..<((p + 1) * d)])
                        if let gauge = flow.gauge { gauge.applyIdentityPlus(hv, into: rotated) } else {
                            for i in 0..<d { rotated[i] = hv[i] }
                        }
                        var ee = 0.0, eJe = 0.0
                        for i in 0..<d {
                            ee += e[p * d + i] * e[p * d + i]
                            eJe += e[p * d + i] * rotated[i]
                        }
                        dy[d + p] = b * ee - halfG2 * eJe
                    }
                }
            }
            if let gauge = flow.gauge { gauge.applyIdentityPlus(s, into: rotated) } else {
                for i in 0..<d { rotated[i] = s[i] }
            }
            for i in 0..<d { dy[i] = b * y[i] - halfG2 * rotated[i] }
        }
    }
}
