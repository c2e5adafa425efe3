import ContinuumODE
import ContinuumSensitivity
import Testing

/// Every sensitivity method reproduces `lotka_volterra.json`'s gradient (forward sensitivities at
/// rtol 2.3e-14, cross-checked by central differences) to 1e-6 relative at rtol 1e-10.
@Suite("Reference gradient: Lotka-Volterra")
struct ReferenceGradientTests {
    static let reference = ReferenceGradient.lotkaVolterra
    static let methods: [SensitivityMethod] = [
        .forward, .discrete(checkpointing: .all), .discrete(checkpointing: .binomial(checkpoints: 6)),
        .backsolve(), .backsolve(seminorm: false), .interpolating(), .quadrature,
    ]

    @Test(arguments: methods, ["tsit5", "dopri5", "vern6"])
    func reproducesReference(method: SensitivityMethod, solverName: String) throws {
        let reference = Self.reference
        let solver = ExplicitRungeKutta(ButcherTableau.named(solverName)!)
        let result = try gradient(
            of: SumOfSquaresLoss(), at: reference.times, for: reference.problem(), with: solver,
            options: SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12), sensitivity: method)
        #expect(abs(result.loss - reference.loss_value) / reference.loss_value < 1e-8)
        let error = relativeDifference(result.parameterGradient, reference.gradient)
        #expect(error < 1e-6, "\(method.name) with \(solverName): relative error \(error)")
    }

    /// The gradient with respect to y₀ agrees across methods and with central differences of the
    /// loss (tight tolerance, step 1e-6).
    @Test func initialStateGradient() throws {
        let reference = Self.reference
        let options = SolverOptions(relativeTolerance: 1e-12, absoluteTolerance: 1e-14)
        func loss(_ y0: [Double]) throws -> Double {
            try gradient(
                of: SumOfSquaresLoss(), at: reference.times, for: reference.problem(y0: y0), with: .dop853,
                options: options, sensitivity: .forward
            ).loss
        }
        var differences = [Double]()
        for k in 0..<2 {
            let step = 1e-6
            var plus = reference.y0, minus = reference.y0
            plus[k] += step
            minus[k] -= step
            differences.append((try loss(plus) - loss(minus)) / (2 * step))
        }
        for method in Self.methods {
            let result = try gradient(
                of: SumOfSquaresLoss(), at: reference.times, for: reference.problem(), with: .dop853,
                options: options, sensitivity: method)
            let error = relativeDifference(result.initialStateGradient, differences)
            #expect(error < 1e-6, "\(method.name): relative error \(error)")
        }
    }
}
