import ContinuumODE

/// The reversible Heun method (Kidger, Foster, Li and Lyons 2021, "Efficient and accurate gradients
/// for neural SDEs"): Stratonovich, strong order 1 for commutative noise (0.5 in general), one drift
/// and one diffusion evaluation per step, and *algebraically reversible*.
///
/// It carries an auxiliary state `ŷ` and the fields at it, `(yₙ, ŷₙ, fₙ, gₙ)`, `ŷ₀ = y₀`:
///
///     ŷₙ₊₁ = 2yₙ − ŷₙ + h fₙ + gₙ ΔW,   fₙ₊₁ = f(tₙ₊₁, ŷₙ₊₁),   gₙ₊₁ = g(tₙ₊₁, ŷₙ₊₁),
///     yₙ₊₁ = yₙ + ½ h (fₙ + fₙ₊₁) + ½ (gₙ + gₙ₊₁) ΔW.
///
/// ``stepBackward(_:t:y:increment:into:workspace:statistics:)`` inverts a step exactly (up to
/// rounding) from `(yₙ₊₁, ŷₙ₊₁, fₙ₊₁, gₙ₊₁)` and the same increment, without stored trajectories;
/// that is what its algebraic adjoint walks back along. The carried state lives in the workspace:
/// state buffer 0 is `ŷ`, state buffer 1 is `f(t, ŷ)`, diffusion buffer 0 is `g(t, ŷ)`.
public struct ReversibleHeun: SDEScheme {
    public init() {}
    public var name: String { "reversible-heun" }
    public var interpretation: SDEInterpretation { .stratonovich }
    public var strongOrder: Double { 1 }
    public var workspaceShape: (states: Int, diffusions: Int) { (4, 2) }

    public func validate<F: VectorField, G: DiffusionField>(_ problem: SDEProblem<F, G>) throws(SDEError) {}

    public func start<F: VectorField, G: DiffusionField>(
        _ problem: SDEProblem<F, G>, t: Double, y: UnsafeBufferPointer<Double>, workspace: SDEWorkspace,
        statistics: inout SDEStatistics
    ) {
        let yHat = workspace.state(0)
        for i in 0..<y.count { yHat[i] = y[i] }
        problem.drift.evaluate(t, y, workspace.state(1))
        problem.diffusion.evaluate(t, y, workspace.diffusion(0))
        statistics.driftEvaluations += 1
        statistics.diffusionEvaluations += 1
    }

    @inlinable
    public func step<F: VectorField, G: DiffusionField>(
        _ problem: SDEProblem<F, G>, t: Double, y: UnsafeBufferPointer<Double>, increment: StochasticIncrement,
        into y1: UnsafeMutableBufferPointer<Double>, workspace: SDEWorkspace, statistics: inout SDEStatistics,
        tolerance: SDETolerance?
    ) -> Double {
        advance(problem, from: t, by: increment.h, y: y, dw: increment.dw, direction: 1, into: y1,
                workspace: workspace, statistics: &statistics)
        return 0
    }

    /// Undoes the step that ended at `t` with `increment`: from `y = yₙ₊₁` and the carried
    /// `(ŷₙ₊₁, fₙ₊₁, gₙ₊₁)` in `workspace`, writes `yₙ` into `y0` and leaves `(ŷₙ, fₙ, gₙ)` in
    /// `workspace`. One drift and one diffusion evaluation.
    @inlinable
    public func stepBackward<F: VectorField, G: DiffusionField>(
        _ problem: SDEProblem<F, G>, t: Double, y: UnsafeBufferPointer<Double>, increment: StochasticIncrement,
        into y0: UnsafeMutableBufferPointer<Double>, workspace: SDEWorkspace, statistics: inout SDEStatistics
    ) {
        advance(problem, from: t, by: -increment.h, y: y, dw: increment.dw, direction: -1, into: y0,
                workspace: workspace, statistics: &statistics)
    }

    /// The step and its inverse share one formula: with `s = ±1`, `h' = s·h` and `ΔW' = s·ΔW`,
    /// `ŷ' = 2y − ŷ + h' f + g ΔW'` and `y' = y + ½ h' (f + f') + ½ (g + g') ΔW'`.
    @inlinable
    func advance<F: VectorField, G: DiffusionField>(
        _ problem: SDEProblem<F, G>, from t: Double, by h: Double, y: UnsafeBufferPointer<Double>,
        dw: UnsafeBufferPointer<Double>, direction: Double, into out: UnsafeMutableBufferPointer<Double>,
        workspace: SDEWorkspace, statistics: inout SDEStatistics
    ) {
        let yHat = workspace.state(0), f = workspace.state(1), yHatNew = workspace.state(2), fNew = workspace.state(3)
        let g = workspace.diffusion(0), gNew = workspace.diffusion(1)
        let n = y.count, noise = problem.noise, scratch = workspace.brownianScratch.baseAddress!
        for j in 0..<dw.count { scratch[j] = direction * dw[j] }
        for i in 0..<n { yHatNew[i] = 2 * y[i] - yHat[i] + h * f[i] }
        noise.addProduct(g.baseAddress!, scratch, scale: 1, to: yHatNew.baseAddress!, stateDimension: n)
        problem.drift.evaluate(t + h, yHatNew.readOnly, fNew)
        problem.diffusion.evaluate(t + h, yHatNew.readOnly, gNew)
        statistics.driftEvaluations += 1
        statistics.diffusionEvaluations += 1
        for i in 0..<n { out[i] = y[i] + 0.5 * h * (f[i] + fNew[i]) }
        for k in 0..<g.count { g[k] += gNew[k] }
        noise.addProduct(g.baseAddress!, scratch, scale: 0.5, to: out.baseAddress!, stateDimension: n)
        for i in 0..<n {
            yHat[i] = yHatNew[i]
            f[i] = fNew[i]
        }
        for k in 0..<g.count { g[k] = gNew[k] }
    }
}
