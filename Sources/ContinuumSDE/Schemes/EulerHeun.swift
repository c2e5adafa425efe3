import ContinuumODE

/// The Euler-Heun scheme, Stratonovich: predictor `ȳ = y + h f(t, y) + g(t, y) ΔW`, then
/// `y₁ = y + ½ h (f(t, y) + f(t + h, ȳ)) + ½ (g(t, y) + g(t + h, ȳ)) ΔW`. Strong order 1 for
/// commutative noise (scalar, diagonal, additive), 0.5 in general. Any noise structure.
public struct EulerHeun: SDEScheme {
    public init() {}
    public var name: String { "heun" }
    public var interpretation: SDEInterpretation { .stratonovich }
    public var strongOrder: Double { 1 }
    public var workspaceShape: (states: Int, diffusions: Int) { (3, 2) }

    public func validate<F: VectorField, G: DiffusionField>(_ problem: SDEProblem<F, G>) throws(SDEError) {}

    @inlinable
    public func step<F: VectorField, G: DiffusionField>(
        _ problem: SDEProblem<F, G>, t: Double, y: UnsafeBufferPointer<Double>, increment: StochasticIncrement,
        into y1: UnsafeMutableBufferPointer<Double>, workspace: SDEWorkspace, statistics: inout SDEStatistics,
        tolerance: SDETolerance?
    ) -> Double {
        let f = workspace.state(0), fPredicted = workspace.state(1), predicted = workspace.state(2)
        let g = workspace.diffusion(0), gPredicted = workspace.diffusion(1)
        let h = increment.h, n = y.count, noise = problem.noise, dw = increment.dw.baseAddress!
        problem.drift.evaluate(t, y, f)
        problem.diffusion.evaluate(t, y, g)
        for i in 0..<n { predicted[i] = y[i] + h * f[i] }
        noise.addProduct(g.baseAddress!, dw, scale: 1, to: predicted.baseAddress!, stateDimension: n)
        problem.drift.evaluate(t + h, predicted.readOnly, fPredicted)
        problem.diffusion.evaluate(t + h, predicted.readOnly, gPredicted)
        statistics.driftEvaluations += 2
        statistics.diffusionEvaluations += 2
        for i in 0..<n { y1[i] = y[i] + 0.5 * h * (f[i] + fPredicted[i]) }
        for k in 0..<g.count { g[k] += gPredicted[k] }
        noise.addProduct(g.baseAddress!, dw, scale: 0.5, to: y1.baseAddress!, stateDimension: n)
        return 0
    }
}
