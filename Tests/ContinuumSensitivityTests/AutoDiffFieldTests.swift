import ContinuumModels
import ContinuumODE
import ContinuumSensitivity
import Testing

/// The `_Differentiation` bridge reproduces the reference gradient like a hand-written field.
@Suite("AutoDiffVectorField")
struct AutoDiffFieldTests {
    @Test func reproducesTheReferenceGradient() throws {
        let reference = ReferenceGradient.lotkaVolterra
        let field = AutoDiffVectorField(dimension: 2, parameters: reference.parameterValues) { _, y, p in
            [p[0] * y[0] - p[1] * y[0] * y[1], -p[2] * y[1] + p[3] * y[0] * y[1]]
        }
        let problem = try ODEProblem(field, y0: reference.y0, from: 0, to: 10)
        let options = SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12)
        for method in [SensitivityMethod.discrete(), .interpolating()] {
            let result = try gradient(of: SumOfSquaresLoss(), at: reference.times, for: problem, with: .tsit5, options: options, sensitivity: method)
            #expect(relativeDifference(result.parameterGradient, reference.gradient) < 1e-6, "\(method.name)")
        }
    }

    /// Its products equal the hand-written ones at a point.
    @Test func matchesHandWrittenProducts() {
        let autodiff = AutoDiffVectorField(dimension: 2, parameters: [1.5, 1, 3, 1]) { _, y, p in
            [p[0] * y[0] - p[1] * y[0] * y[1], -p[2] * y[1] + p[3] * y[0] * y[1]]
        }
        let manual = LotkaVolterra()
        let y = [0.7, 1.9], v = [0.3, -1.1]
        func products(_ field: some DifferentiableVectorField) -> [Double] {
            var s = [0.0, 0.0], p = [0.0, 0.0, 0.0, 0.0]
            y.withUnsafeBufferPointer { yb in
                v.withUnsafeBufferPointer { vb in
                    s.withUnsafeMutableBufferPointer { sb in
                        p.withUnsafeMutableBufferPointer { field.vectorJacobianProduct(0, yb, vb, stateProduct: sb, parameterProduct: $0) }
                    }
                }
            }
            return s + p
        }
        let a = products(autodiff), b = products(manual)
        #expect(zip(a, b).allSatisfy { abs($0 - $1) < 1e-15 })
    }
}
