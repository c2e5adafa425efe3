import ContinuumODE

/// Milstein's scheme for diagonal or scalar noise, strong order 1:
///
///     y₁ᵢ = yᵢ + h fᵢ + gᵢ ΔWᵢ + ½ (L¹g)ᵢ (ΔWᵢ² − h)      (Itô; Stratonovich drops the `− h`)
///
/// with `L¹g = Σⱼ gⱼ ∂g/∂yⱼ`. ``Derivative/exact`` takes `L¹g` from the diffusion
/// (``DiffusionField/derivativeAlongDiffusion(_:_:_:_:)``); ``Derivative/derivativeFree`` is the
/// Runge-Kutta variant of Kloeden and Platen, which replaces it by the difference quotient
/// `(g(ȳ) − g(y))/√h` at the support value `ȳ = y + h f + g √h`, with the same strong order.
public struct Milstein: SDEScheme {
    /// Where `L¹g` comes from.
    public enum Derivative: Sendable { case exact, derivativeFree }

    public let interpretation: SDEInterpretation
    public let derivative: Derivative

    public init(_ interpretation: SDEInterpretation = .ito, derivative: Derivative = .exact) {
        self.interpretation = interpretation
        self.derivative = derivative
    }

    public var name: String { derivative == .exact ? "milstein" : "milstein-rk" }
    public var strongOrder: Double { 1 }
    public var workspaceShape: (states: Int, diffusions: Int) { (3, 2) }

    public func validate<F: VectorField, G: DiffusionField>(_ problem: SDEProblem<F, G>) throws(SDEError) {
        try requireComponentwiseNoise(problem)
        guard derivative == .exact else { return }
        let n = problem.dimension
        var g = [Double](repeating: 0, count: n), out = g
        let provided = problem.y0.withUnsafeBufferPointer { y in
            g.withUnsafeMutableBufferPointer { gb in
                problem.diffusion.evaluate(problem.t0, y, gb)
                return out.withUnsafeMutableBufferPointer { ob in
                    problem.diffusion.derivativeAlongDiffusion(problem.t0, y, UnsafeBufferPointer(gb), ob)
                }
            }
        }
        guard provided else {
            throw .unsupported(scheme: name, reason: "the diffusion provides no derivative; use the derivative-free variant")
        }
    }

    @inlinable
    public func step<F: VectorField, G: DiffusionField>(
        _ problem: SDEProblem<F, G>, t: Double, y: UnsafeBufferPointer<Double>, increment: StochasticIncrement,
        into y1: UnsafeMutableBufferPointer<Double>, workspace: SDEWorkspace, statistics: inout SDEStatistics,
        tolerance: SDETolerance?
    ) -> Double {
        let f = workspace.state(0), correction = workspace.state(1), support = workspace.state(2)
        let g = workspace.diffusion(0), gSupport = workspace.diffusion(1)
        let h = increment.h, n = y.count, noise = problem.noise, dw = increment.dw
        problem.drift.evaluate(t, y, f)
        problem.diffusion.evaluate(t, y, g)
        statistics.driftEvaluations += 1
        statistics.diffusionEvaluations += 2
        switch derivative {
        case .exact:
            _ = problem.diffusion.derivativeAlongDiffusion(t, y, g.readOnly, correction)
        case .derivativeFree:
            let root = abs(h).squareRoot()
            for i in 0..<n { support[i] = y[i] + h * f[i] + g[i] * root }
            problem.diffusion.evaluate(t, support.readOnly, gSupport)
            for i in 0..<n { correction[i] = (gSupport[i] - g[i]) / root }
        }
        let shift = interpretation == .ito ? h : 0
        for i in 0..<n {
            let w = dw[noise.brownianIndex(ofComponent: i)]
            y1[i] = y[i] + h * f[i] + g[i] * w + 0.5 * correction[i] * (w * w - shift)
        }
        return 0
    }
}
