import ContinuumODE

/// Runs any ``SRITableau`` (Rößler's SRI family): strong order 1.5 for Itô SDEs with diagonal or
/// scalar noise, with an embedded error estimate for adaptive stepping.
///
/// Workspace: `H⁰`, `H¹` and `f` per stage, then `E₁`, `E₂`; `g` per stage.
public struct StochasticRungeKuttaSRI: SDEScheme {
    public let tableau: SRITableau

    public init(_ tableau: SRITableau = .sriw1) { self.tableau = tableau }

    public var name: String { tableau.name }
    public var interpretation: SDEInterpretation { .ito }
    public var strongOrder: Double { 1.5 }
    public var hasErrorEstimate: Bool { true }
    public var needsSpaceTimeArea: Bool { true }
    public var workspaceShape: (states: Int, diffusions: Int) { (3 * tableau.stageCount + 2, tableau.stageCount) }

    public func validate<F: VectorField, G: DiffusionField>(_ problem: SDEProblem<F, G>) throws(SDEError) {
        try requireComponentwiseNoise(problem)
    }

    public func step<F: VectorField, G: DiffusionField>(
        _ problem: SDEProblem<F, G>, t: Double, y: UnsafeBufferPointer<Double>, increment: StochasticIncrement,
        into y1: UnsafeMutableBufferPointer<Double>, workspace: SDEWorkspace, statistics: inout SDEStatistics,
        tolerance: SDETolerance?
    ) -> Double {
        let s = tableau.stageCount, n = y.count, h = increment.h, root = abs(h).squareRoot()
        let noise = problem.noise, m = increment.dw.count
        // chi1 = I(1,1)/√h, chi2 = I(1,0)/h, chi3 = I(1,1,1)/h per Brownian component.
        let chi = workspace.brownianScratch
        for k in 0..<m {
            let w = increment.dw[k]
            chi[k] = (w * w - h) / (2 * root)
            chi[m + k] = 0.5 * w + increment.area[k]
            chi[2 * m + k] = (w * w * w - 3 * h * w) / (6 * h)
        }
        let e1 = workspace.state(3 * s), e2 = workspace.state(3 * s + 1)
        for i in 0..<n {
            y1[i] = y[i]
            e1[i] = 0
            e2[i] = 0
        }
        for stage in 0..<s {
            let h0 = workspace.state(stage), h1 = workspace.state(s + stage), f = workspace.state(2 * s + stage)
            let g = workspace.diffusion(stage)
            for i in 0..<n {
                let k = noise.brownianIndex(ofComponent: i)
                var drift0 = 0.0, drift1 = 0.0, noise0 = 0.0, noise1 = 0.0
                for j in 0..<stage {
                    let fj = workspace.state(2 * s + j)[i], gj = workspace.diffusion(j)[i]
                    drift0 += tableau.a0[stage][j] * fj
                    drift1 += tableau.a1[stage][j] * fj
                    noise0 += tableau.b0[stage][j] * gj
                    noise1 += tableau.b1[stage][j] * gj
                }
                h0[i] = y[i] + h * drift0 + chi[m + k] * noise0
                h1[i] = y[i] + h * drift1 + root * noise1
            }
            problem.drift.evaluate(t + tableau.c0[stage] * h, h0.readOnly, f)
            problem.diffusion.evaluate(t + tableau.c1[stage] * h, h1.readOnly, g)
            statistics.driftEvaluations += 1
            statistics.diffusionEvaluations += 1
            let (alpha, b1, b2, b3, b4) = (
                tableau.alpha[stage], tableau.beta1[stage], tableau.beta2[stage], tableau.beta3[stage], tableau.beta4[stage])
            let inEstimate = stage < tableau.errorTerms
            for i in 0..<n {
                let k = noise.brownianIndex(ofComponent: i)
                let higher = (b3 * chi[m + k] + b4 * chi[2 * m + k]) * g[i]
                y1[i] += h * alpha * f[i] + (b1 * increment.dw[k] + b2 * chi[k]) * g[i] + higher
                e2[i] += higher
                if inEstimate { e1[i] += h * f[i] }
            }
        }
        guard let tolerance else { return 0 }
        return scaledErrorNorm(drift: e1, diffusion: e2, y: y, y1: y1, tolerance: tolerance)
    }
}

extension SDEScheme where Self == StochasticRungeKuttaSRI {
    /// Rößler's SRIW1: strong order 1.5, Itô, diagonal or scalar noise, adaptive.
    public static var sriw1: StochasticRungeKuttaSRI { StochasticRungeKuttaSRI(.sriw1) }
}
