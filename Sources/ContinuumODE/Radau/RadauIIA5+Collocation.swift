extension RadauIIA5 {
    /// Starting values of the iteration: zero on the first step, else the previous step's
    /// collocation polynomial extrapolated to the new nodes (RADAU5's `STARTN = false`).
    @inlinable
    func predictStages(h: Double, workspace w: RadauWorkspace) {
        let n = w.dimension
        let m = w.stride
        let c = w.control
        let z = w.z
        let wt = w.w
        guard c.pointee.hasPredictor else {
            for i in 0..<(3 * m) {
                z[i] = 0
                wt[i] = 0
            }
            return
        }
        let k = coefficients
        let ratio = h / c.pointee.previousStep
        // u(1 + cᵢ h/h_prev) − u(1) = Σⱼ rⱼ ((1 + cᵢ ratio)ʲ − 1) with the previous step's rⱼ.
        let s1 = 1 + k.c1 * ratio, s2 = 1 + k.c2 * ratio, s3 = 1 + ratio
        let p11 = s1 - 1, p12 = s1 * s1 - 1, p13 = s1 * s1 * s1 - 1
        let p21 = s2 - 1, p22 = s2 * s2 - 1, p23 = s2 * s2 * s2 - 1
        let p31 = s3 - 1, p32 = s3 * s3 - 1, p33 = s3 * s3 * s3 - 1
        let r1 = w.predictor, r2 = r1 + m, r3 = r1 + 2 * m
        let z1 = z, z2 = z + m, z3 = z + 2 * m
        let w1 = wt, w2 = wt + m, w3 = wt + 2 * m
        for i in 0..<n {
            let a = r1[i], b = r2[i], d = r3[i]
            let u1 = p11 * a + p12 * b + p13 * d
            let u2 = p21 * a + p22 * b + p23 * d
            let u3 = p31 * a + p32 * b + p33 * d
            z1[i] = u1
            z2[i] = u2
            z3[i] = u3
            w1[i] = k.ti11 * u1 + k.ti12 * u2 + k.ti13 * u3
            w2[i] = k.ti21 * u1 + k.ti22 * u2 + k.ti23 * u3
            w3[i] = k.ti31 * u1 + k.ti32 * u2 + k.ti33 * u3
        }
    }

    /// Writes the monomial coefficients `rⱼ = Σᵢ vⱼᵢ Zᵢ` of the collocation polynomial
    /// `u(t + θh) = y + Σⱼ θʲ rⱼ` (through `y` at `θ = 0` and `y + Zᵢ` at `θ = cᵢ`).
    @inlinable
    func collocationTerms(
        of z: UnsafeMutablePointer<Double>, stride m: Int, count n: Int, into r: UnsafeMutablePointer<Double>
    ) {
        let k = coefficients
        let z1 = z, z2 = z + m, z3 = z + 2 * m
        let r1 = r, r2 = r + m, r3 = r + 2 * m
        for i in 0..<n {
            let a = z1[i], b = z2[i], c = z3[i]
            r1[i] = k.v11 * a + k.v12 * b + k.v13 * c
            r2[i] = k.v21 * a + k.v22 * b + k.v23 * c
            r3[i] = k.v31 * a + k.v32 * b + k.v33 * c
        }
    }
}
