import ContinuumODE

/// Runs any ``SRATableau`` (Rößler's SRA family): strong order 1.5 for additive noise of any
/// structure (the Itô and Stratonovich readings coincide), with an embedded error estimate.
///
/// Workspace: `H⁰` and `f` per stage, then `E₁`, `E₂`; `g` per stage.
public struct StochasticRungeKuttaSRA: SDEScheme {
    public let tableau: SRATableau

    public init(_ tableau: SRATableau = .sra1) { self.tableau = tableau }

    public var name: String { tableau.name }
    /// Additive noise: both readings agree; reported as Itô.
    public var interpretation: SDEInterpretation { .ito }
    public var strongOrder: Double { 1.5 }
    public var hasErrorEstimate: Bool { true }
    public var needsSpaceTimeArea: Bool { true }
    public var workspaceShape: (states: Int, diffusions: Int) { (2 * tableau.stageCount + 2, tableau.stageCount) }

    public func validate<F: VectorField, G: DiffusionField>(_ problem: SDEProblem<F, G>) throws(SDEError) {
        guard problem.isAdditive else {
            throw .unsupported(scheme: name, reason: "it needs additive noise (declare isAdditive: true)")
        }
    }

    public func step<F: VectorField, G: DiffusionField>(
        _ problem: SDEProblem<F, G>, t: Double, y: UnsafeBufferPointer<Double>, increment: StochasticIncrement,
        into y1: UnsafeMutableBufferPointer<Double>, workspace: SDEWorkspace, statistics: inout SDEStatistics,
        tolerance: SDETolerance?
    ) -> Double {
        let s = tableau.stageCount, n = y.count, h = increment.h, noise = problem.noise, m = increment.dw.count
        let chi2 = workspace.brownianScratch.baseAddress!
        for k in 0..<m { chi2[k] = 0.5 * increment.dw[k] + increment.area[k] }
        let e1 = workspace.state(2 * s), e2 = workspace.state(2 * s + 1)
        for i in 0..<n {
            y1[i] = y[i]
            e1[i] = 0
            e2[i] = 0
        }
        for stage in 0..<s {
            let h0 = workspace.state(stage), f = workspace.state(s + stage), g = workspace.diffusion(stage)
            for i in 0..<n {
                var drift = 0.0
                for j in 0..<stage { drift += tableau.a0[stage][j] * workspace.state(s + j)[i] }
                h0[i] = y[i] + h * drift
            }
            for j in 0..<stage where tableau.b0[stage][j] != 0 {
                noise.addProduct(workspace.diffusion(j).baseAddress!, chi2, scale: tableau.b0[stage][j],
                                 to: h0.baseAddress!, stateDimension: n)
            }
            problem.drift.evaluate(t + tableau.c0[stage] * h, h0.readOnly, f)
            problem.diffusion.evaluate(t + tableau.c1[stage] * h, h0.readOnly, g)
            statistics.driftEvaluations += 1
            statistics.diffusionEvaluations += 1
            for i in 0..<n {
                y1[i] += h * tableau.alpha[stage] * f[i]
                e1[i] += h * f[i]
            }
            noise.addProduct(g.baseAddress!, increment.dw.baseAddress!, scale: tableau.beta1[stage],
                             to: y1.baseAddress!, stateDimension: n)
            noise.addProduct(g.baseAddress!, chi2, scale: tableau.beta2[stage], to: e2.baseAddress!, stateDimension: n)
        }
        for i in 0..<n { y1[i] += e2[i] }
        guard let tolerance else { return 0 }
        return scaledErrorNorm(drift: e1, diffusion: e2, y: y, y1: y1, tolerance: tolerance)
    }
}

extension SDEScheme where Self == StochasticRungeKuttaSRA {
    /// Rößler's SRA1: strong order 1.5 for additive noise, adaptive.
    public static var sra1: StochasticRungeKuttaSRA { StochasticRungeKuttaSRA(.sra1) }
}
