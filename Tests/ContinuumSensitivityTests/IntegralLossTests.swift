import ContinuumODE
import ContinuumSensitivity
import Foundation
import Testing

/// `L = y(T)² + ∫₀ᵀ y² dt` for `y' = −k y`, `y(0) = y₀`: with `y = y₀e^{−kt}`,
/// `L = y₀²e^{−2kT} + y₀²(1 − e^{−2kT})/(2k)`, differentiated in `k` and `y₀` by hand.
@Suite("Integral losses")
struct IntegralLossTests {
    struct Decay: DifferentiableVectorField {
        var k: Double
        var dimension: Int { 1 }
        var parameterCount: Int { 1 }
        func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) { dy[0] = -k * y[0] }
        func vectorJacobianProduct(
            _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
            stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
        ) {
            stateProduct[0] = -k * v[0]
            parameterProduct[0] = -y[0] * v[0]
        }
    }

    @Test(arguments: [SensitivityMethod.forward, .discrete(), .discrete(checkpointing: .binomial(checkpoints: 3)), .backsolve(), .interpolating(), .quadrature])
    func matchesTheClosedForm(method: SensitivityMethod) throws {
        let k = 0.7, y0 = 1.3, T = 2.0
        let e = exp(-2 * k * T)
        let loss = y0 * y0 * e + y0 * y0 * (1 - e) / (2 * k)
        let dLdk = y0 * y0 * (-2 * T * e + (2 * T * e * 2 * k - 2 * (1 - e)) / (4 * k * k))
        let dLdy0 = 2 * y0 * (e + (1 - e) / (2 * k))
        let running = ClosureIntegralLoss { _, y, g in
            g[0] = 2 * y[0]
            return y[0] * y[0]
        }
        let problem = try ODEProblem(Decay(k: k), y0: [y0], from: 0, to: T)
        let result = try gradient(
            of: SumOfSquaresLoss(), plus: running, at: [T], for: problem, with: .dop853,
            options: SolverOptions(relativeTolerance: 1e-11, absoluteTolerance: 1e-13), sensitivity: method)
        #expect(abs(result.loss - loss) < 1e-9)
        #expect(abs(result.parameterGradient[0] - dLdk) < 1e-7 * abs(dLdk), "\(method.name): \(result.parameterGradient[0]) vs \(dLdk)")
        #expect(abs(result.initialStateGradient[0] - dLdy0) < 1e-7 * abs(dLdy0))
        #expect(result.states.count == 1)
    }
}
