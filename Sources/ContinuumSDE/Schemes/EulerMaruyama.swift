import ContinuumODE

/// Euler-Maruyama: `y₁ = y + h f(t, y) + g(t, y) ΔW`. Itô; strong order 0.5 (1.0 for additive
/// noise), weak order 1. Any noise structure.
public struct EulerMaruyama: SDEScheme {
    public init() {}
    public var name: String { "em" }
    public var interpretation: SDEInterpretation { .ito }
    public var strongOrder: Double { 0.5 }
    public var workspaceShape: (states: Int, diffusions: Int) { (1, 1) }

    public func validate<F: VectorField, G: DiffusionField>(_ problem: SDEProblem<F, G>) throws(SDEError) {}

    @inlinable
    public func step<F: VectorField, G: DiffusionField>(
        _ problem: SDEProblem<F, G>, t: Double, y: UnsafeBufferPointer<Double>, increment: StochasticIncrement,
        into y1: UnsafeMutableBufferPointer<Double>, workspace: SDEWorkspace, statistics: inout SDEStatistics,
        tolerance: SDETolerance?
    ) -> Double {
        let f = workspace.state(0), g = workspace.diffusion(0), h = increment.h, n = y.count
        problem.drift.evaluate(t, y, f)
        problem.diffusion.evaluate(t, y, g)
        statistics.driftEvaluations += 1
        statistics.diffusionEvaluations += 1
        for i in 0..<n { y1[i] = y[i] + h * f[i] }
        problem.noise.addProduct(g.baseAddress!, increment.dw.baseAddress!, scale: 1, to: y1.baseAddress!, stateDimension: n)
        return 0
    }
}

extension SDEScheme where Self == EulerMaruyama {
    /// Euler-Maruyama (Itô, strong order 0.5).
    public static var eulerMaruyama: EulerMaruyama { EulerMaruyama() }
}
