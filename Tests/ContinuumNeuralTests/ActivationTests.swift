import ContinuumNeural
import Foundation
import Testing

@Suite("Activations")
struct ActivationTests {
    /// σ′ against central differences `(σ(z+h) − σ(z−h)) / 2h`, h = 1e-6: agreement to 1e-8
    /// (the difference quotient's own error is ~h² σ‴ + ε/h ≈ 1e-10).
    @Test(arguments: Activation.allCases)
    func derivativeMatchesFiniteDifferences(_ activation: Activation) {
        let failures = expectDerivative(
            { activation.derivative($0) }, of: { activation.value($0) },
            over: stride(from: -4.0, through: 4.0, by: 0.37),
            tolerance: 1e-8, "\(activation)")
        #expect(failures.isEmpty, "\(failures)")
    }

    /// The buffer kernels give bit for bit the scalar `σ(z)` and `δ σ′(z)`.
    @Test(arguments: Activation.allCases)
    func bufferKernelsMatchScalars(_ activation: Activation) {
        let z = stride(from: -25.0, through: 25.0, by: 0.173).map { $0 } + [0, -0.0, 1e-12, -3e-9]
        var a = [Double](repeating: 0, count: z.count)
        var delta = z.map { 1.5 - $0 / 10 }
        z.withUnsafeBufferPointer { zb in
            a.withUnsafeMutableBufferPointer { activation.apply(zb.baseAddress!, to: $0.baseAddress!, count: z.count) }
        }
        #expect(a == z.map { activation.value($0) })
        let expected = zip(delta, z).map { $0 * activation.derivative($1, value: activation.value($1)) }
        z.withUnsafeBufferPointer { zb in
            a.withUnsafeBufferPointer { ab in
                delta.withUnsafeMutableBufferPointer {
                    activation.multiplyByDerivative(
                        $0.baseAddress!, preactivation: zb.baseAddress!, value: ab.baseAddress!, count: z.count)
                }
            }
        }
        #expect(delta == expected)
    }

    /// Reference values: softplus(0) = log 2, sigmoid(0) = 1/2, GELU(1) = Φ(1) = 0.8413447460685429,
    /// swish(1) = 1/(1 + e⁻¹); softplus stays finite and exact far out.
    @Test func referenceValues() {
        #expect(Activation.softplus.value(0).isApproximatelyEqual(to: log(2.0), relativeTolerance: 1e-15))
        #expect(Activation.sigmoid.value(0) == 0.5)
        #expect(Activation.gelu.value(1).isApproximatelyEqual(to: 0.8413447460685429, relativeTolerance: 1e-15))
        #expect(Activation.swish.value(1).isApproximatelyEqual(to: 1 / (1 + exp(-1.0)), relativeTolerance: 1e-15))
        #expect(Activation.softplus.value(800) == 800)
        #expect(Activation.softplus.value(-800) == 0)
        #expect(Activation.sigmoid.value(-800) == 0)
        #expect(Activation.relu.value(-2) == 0 && Activation.relu.value(2) == 2)
    }

    /// The branch-free tanh agrees with the C library's to 6e-16 relative (measured 4.8e-16) from
    /// 1e-12 to beyond saturation, is odd, and maps ±∞ to ±1 and NaN to NaN.
    @Test func fastTanhMatchesLibrary() {
        var worst = 0.0
        for k in 0...24_000 {
            let x = pow(10, -12 + Double(k) / 2_000)
            for s in [x, -x] {
                let exact = Foundation.tanh(s)
                worst = max(worst, abs(Activation.fastTanh(s) - exact) / abs(exact))
            }
        }
        #expect(worst < 6e-16)
        #expect(Activation.fastTanh(0) == 0 && Activation.fastTanh(-0.0).sign == .minus)
        #expect(Activation.fastTanh(.infinity) == 1 && Activation.fastTanh(-.infinity) == -1)
        #expect(Activation.fastTanh(20) == 1 && Activation.fastTanh(-1e300) == -1)
        #expect(Activation.fastTanh(.nan).isNaN && Activation.fastTanh(-.nan).isNaN)
        #expect(Activation.fastTanh(1e-300) == 1e-300 && Activation.fastTanh(-.leastNonzeroMagnitude) == -.leastNonzeroMagnitude)
    }

    /// Error in units in the last place over a dense sweep: |x| from 1e-12 to 25 (log-spaced),
    /// and fine grids around the reduction boundary |x| = ln 2 / 4 ≈ 0.1733 (where the scale `2ᵏ`
    /// first leaves 1), around 0.5 and around ln 2 / 2. Against 64-bit-mantissa `tanhl` where
    /// `Float80` exists the worst is 3.54 ulp (bound 4); elsewhere against the double `tanh`,
    /// itself up to ~2 ulp off (bound 6).
    @Test func fastTanhUlpError() {
        var arguments: [Double] = (0...60_000).map { pow(10, -12 + Double($0) * 13.4 / 60_000) }
        for centre in [0.17328679513998632, 0.5, 0.34657359027997264] {
            arguments += (-20_000...20_000).map { centre + Double($0) * 1e-7 }
        }
        var worst = 0.0
        for x in arguments {
            for s in [x, -x] {
                let got = Activation.fastTanh(s)
                #if arch(x86_64) || arch(i386)
                let exact = Float80(s)
                let reference = tanhl(exact)
                worst = max(worst, Double(abs(Float80(got) - reference)) / Double(reference).magnitude.ulp)
                #else
                let reference = Foundation.tanh(s)
                worst = max(worst, abs(got - reference) / reference.magnitude.ulp)
                #endif
            }
        }
        #if arch(x86_64) || arch(i386)
        #expect(worst <= 4, "worst \(worst) ulp")
        #else
        #expect(worst <= 6, "worst \(worst) ulp")
        #endif
    }

    /// The blocked buffer kernel gives the scalar values bit for bit for odd counts spanning
    /// several blocks, also in place (`a` = `z`).
    @Test func tanhBufferKernelInPlace() {
        let z = (0..<301).map { sin(Double($0) * 0.7) * 6 }
        var a = [Double](repeating: 0, count: z.count)
        z.withUnsafeBufferPointer { zb in
            a.withUnsafeMutableBufferPointer { Activation.tanh.apply(zb.baseAddress!, to: $0.baseAddress!, count: z.count) }
        }
        #expect(a == z.map(Activation.fastTanh))
        var inPlace = z
        inPlace.withUnsafeMutableBufferPointer {
            Activation.tanh.apply($0.baseAddress!, to: $0.baseAddress!, count: z.count)
        }
        #expect(inPlace == a)
    }
}
