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
        #expect(Activation.fastTanh(.nan).isNaN)
    }
}
