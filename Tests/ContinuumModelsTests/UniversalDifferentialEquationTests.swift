import ContinuumModels
import ContinuumNeural
import ContinuumODE
import Foundation
import Testing

/// Universal differential equations `dy/dt = known(t, y) + MLP(y)`: the composed field's
/// vector-Jacobian product against finite differences, the rescaled known part against the
/// solution in data units, and a UDE with the linear part of Lotka-Volterra known fitting the
/// series better than a pure neural ODE trained the same way.
@Suite("Universal differential equations")
struct UniversalDifferentialEquationTests {
    static let means = [2.0, 1.5], scales = [0.7, 1.3]

    static func field(seed: UInt64) throws -> UniversalVectorField<RescaledVectorField<LotkaVolterra>> {
        let model = try NeuralODE(dataDimension: 2, augmentedDimension: 1, hidden: 8, depth: 1, seed: seed, outputScale: 1)
        let known = RescaledVectorField(LotkaVolterra(), means: means, scales: scales, timeOrigin: 3, timeScale: 2)
        return UniversalVectorField(known: known, neural: model.vectorField)
    }

    static func vDotF<F: VectorField>(_ field: F, _ t: Double, _ y: [Double], _ v: [Double]) -> Double {
        var dy = [Double](repeating: 0, count: y.count)
        y.withUnsafeBufferPointer { yb in dy.withUnsafeMutableBufferPointer { field.evaluate(t, yb, $0) } }
        return zip(v, dy).map(*).reduce(0, +)
    }

    @Test func vectorJacobianProductMatchesFiniteDifferences() throws {
        let field = try Self.field(seed: 4)
        let n = field.dimension, p = field.parameterCount
        let t = 0.4, y = [0.3, -0.8, 0.5], v = [1.0, -2.0, 0.5]
        let (stateProduct, parameterProduct) = vectorJacobianProduct(field, t, y, v)
        let h = 1e-6
        for i in 0..<n {
            var plus = y, minus = y
            plus[i] += h
            minus[i] -= h
            let difference = (Self.vDotF(field, t, plus, v) - Self.vDotF(field, t, minus, v)) / (2 * h)
            #expect(abs(difference - stateProduct[i]) < 1e-7 * max(1, abs(difference)), "state \(i)")
        }
        for k in stride(from: 0, to: p, by: 3) {
            var plus = field, minus = field
            plus.parameters[k] += h
            minus.parameters[k] -= h
            let difference = (Self.vDotF(plus, t, y, v) - Self.vDotF(minus, t, y, v)) / (2 * h)
            #expect(abs(difference - parameterProduct[k]) < 1e-7 * max(1, abs(difference)), "parameter \(k)")
        }
    }

    /// Solving the rescaled field in `(τ, z)` and mapping back gives the solution of the field in
    /// data units `(t, x)`.
    @Test func rescaledFieldIsTheSameFlowInNormalisedUnits() throws {
        let x0 = [1.0, 1.0], t0 = 3.0, timeScale = 2.0
        let rescaled = RescaledVectorField(LotkaVolterra(), means: Self.means, scales: Self.scales, timeOrigin: t0, timeScale: timeScale)
        let z0 = (0..<2).map { (x0[$0] - Self.means[$0]) / Self.scales[$0] }
        let options = SolverOptions(relativeTolerance: 1e-11, absoluteTolerance: 1e-13)
        let data = try solve(try ODEProblem(LotkaVolterra(), y0: x0, from: t0, to: t0 + 2 * timeScale), with: .dop853, options: options)
        let normalised = try solve(try ODEProblem(rescaled, y0: z0, from: 0, to: 2), with: .dop853, options: options)
        let x1 = data.finalState!, z1 = normalised.finalState!
        for j in 0..<2 { #expect(abs(Self.means[j] + Self.scales[j] * z1[j] - x1[j]) < 1e-8) }
    }

    /// On a Lotka-Volterra series, with the same seed, iterations and windows: with the prey's
    /// equation known (`x' = 1.5x − xy`, `y' = 0 + MLP`) the UDE fits better than a neural ODE that
    /// must learn everything, and with the whole system known it fits to the noise (which also
    /// checks that the known part in data units meets the normalised data consistently).
    @Test func knownPartHelpsOnLotkaVolterra() throws {
        let series = try LotkaVolterraSeries.make(count: 21, span: 4, seed: 7)
        var options = NeuralODETrainingOptions()
        options.iterations = 60
        options.batchSize = 4
        options.polishIterations = 10
        options.maximumWindow = 8
        var neural = try NeuralODE(dataDimension: 2, hidden: 12, depth: 1, seed: 2)
        let initial = neural
        let pure = try NeuralODETraining.train(&neural, on: series.data, options: options)
        var losses: [Double] = []
        for known in [LotkaVolterra(a: 1.5, b: 1, c: 0, d: 0), LotkaVolterra()] {
            var universal = initial
            let field = RescaledVectorField(known, means: series.means, scales: series.scales)
            let report = try NeuralODETraining.train(&universal, knownPart: field, on: series.data, options: options)
            #expect(report.skippedWindows == 0)
            losses.append(report.finalLoss)
        }
        #expect(losses[0] < 0.7 * pure.finalLoss, "prey known: UDE \(losses[0]) vs neural ODE \(pure.finalLoss)")
        #expect(losses[1] < 0.01 * pure.finalLoss, "all known: UDE \(losses[1]) vs neural ODE \(pure.finalLoss)")
    }
}

/// `(vᵀ∂f/∂y, vᵀ∂f/∂θ)` of `field` at `(t, y)` as arrays.
func vectorJacobianProduct<F: DifferentiableVectorField>(_ field: F, _ t: Double, _ y: [Double], _ v: [Double]) -> ([Double], [Double]) {
    var stateProduct = [Double](repeating: 0, count: field.dimension)
    var parameterProduct = [Double](repeating: 0, count: field.parameterCount)
    y.withUnsafeBufferPointer { yb in
        v.withUnsafeBufferPointer { vb in
            stateProduct.withUnsafeMutableBufferPointer { s in
                parameterProduct.withUnsafeMutableBufferPointer { q in
                    field.vectorJacobianProduct(t, yb, vb, stateProduct: s, parameterProduct: q)
                }
            }
        }
    }
    return (stateProduct, parameterProduct)
}
