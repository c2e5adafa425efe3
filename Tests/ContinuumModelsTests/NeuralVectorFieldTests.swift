import ContinuumModels
import ContinuumNeural
import ContinuumODE
import ContinuumSensitivity
import Foundation
import Testing

@Suite("Neural vector field")
struct NeuralVectorFieldTests {
    /// The field's vector-Jacobian product equals central differences of its evaluation, with and
    /// without time as an input.
    @Test(arguments: [false, true])
    func vectorJacobianProductMatchesFiniteDifferences(usesTime: Bool) throws {
        let model = try NeuralODE(dataDimension: 2, augmentedDimension: 1, hidden: 8, depth: 2, usesTime: usesTime, seed: 3, outputScale: 1)
        let field = model.vectorField
        let n = field.dimension, p = field.parameterCount
        let t = 0.7, y = [0.3, -0.8, 0.5], v = [1.0, -2.0, 0.5]
        let (stateProduct, parameterProduct) = vectorJacobianProduct(field, t, y, v)
        func vDotF(_ field: NeuralVectorField, _ y: [Double]) -> Double {
            var dy = [Double](repeating: 0, count: n)
            y.withUnsafeBufferPointer { yb in dy.withUnsafeMutableBufferPointer { field.evaluate(t, yb, $0) } }
            return zip(v, dy).map(*).reduce(0, +)
        }
        let h = 1e-6
        for i in 0..<n {
            var plus = y, minus = y
            plus[i] += h
            minus[i] -= h
            let difference = (vDotF(field, plus) - vDotF(field, minus)) / (2 * h)
            #expect(abs(difference - stateProduct[i]) < 1e-7 * max(1, abs(difference)))
        }
        for k in stride(from: 0, to: p, by: 7) {
            var plus = field, minus = field
            plus.parameters[k] += h
            minus.parameters[k] -= h
            let difference = (vDotF(plus, y) - vDotF(minus, y)) / (2 * h)
            #expect(abs(difference - parameterProduct[k]) < 1e-7 * max(1, abs(difference)), "parameter \(k)")
        }
    }

    /// A neural ODE's discrete-adjoint gradient equals central differences of the same fixed-step solve.
    @Test func discreteAdjointThroughTheNetwork() throws {
        let model = try NeuralODE(dataDimension: 2, hidden: 6, depth: 1, seed: 5, outputScale: 1)
        let times = [0.5, 1.0]
        func loss(_ parameters: [Double]) throws -> Double {
            var field = model.vectorField
            field.parameters = parameters
            var options = SolverOptions.fixedStep(0.05)
            options.saveAt = times
            let solution = try solve(try ODEProblem(field, y0: [0.4, -0.2], from: 0, to: 1), with: .rk4, options: options)
            return solution.storage.map { $0 * $0 }.reduce(0, +)
        }
        let result = try gradient(
            of: SumOfSquaresLoss(), at: times, for: try ODEProblem(model.vectorField, y0: [0.4, -0.2], from: 0, to: 1),
            with: .rk4, options: .fixedStep(0.05), sensitivity: .discrete())
        let h = 1e-6
        for k in stride(from: 0, to: model.parameters.count, by: 5) {
            var plus = model.parameters, minus = model.parameters
            plus[k] += h
            minus[k] -= h
            let difference = (try loss(plus) - loss(minus)) / (2 * h)
            #expect(abs(difference - result.parameterGradient[k]) < 1e-7 * max(1, abs(difference)), "parameter \(k)")
        }
    }
}
