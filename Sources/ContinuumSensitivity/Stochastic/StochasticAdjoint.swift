import ContinuumNumerics
import ContinuumODE
import ContinuumSDE

/// The stochastic adjoint of Li, Wong, Chen and Duvenaud (2020) for a Stratonovich SDE with
/// diagonal noise `dy = f dt + g ∘ dW`.
///
/// With `a(t) = ∂L/∂y(t)` and `a_θ(t)` the part of `∂L/∂θ` from after `t`, the augmented state
/// `(y, a, a_θ)` solves, backwards from `t1` on the *same* Brownian path,
///
///     dy   =  f dt + g ∘ dW,
///     da   = −aᵀ∂f/∂y dt − Σᵢ aᵢ ∂gᵢ/∂y ∘ dWᵢ,
///     da_θ = −aᵀ∂f/∂θ dt − Σᵢ aᵢ ∂gᵢ/∂θ ∘ dWᵢ,
///
/// from `a(t1) = ∂L/∂y(t1)`, `a_θ(t1) = 0`; each loss time adds its `∂ℓᵢ/∂y` to `a`. Stratonovich
/// calculus obeys the ordinary chain rule, so the backward equation is the forward one read in
/// reversed time. Both diffusion terms are vector-Jacobian products with `a ⊙ ΔW`. The backward
/// solve is Heun's predictor-corrector (Stratonovich, strong order 1 for diagonal noise); at each
/// loss time the reconstructed `y` is reset to the forward state, as a backsolve adjoint does.
/// Memory is independent of the number of steps.
@usableFromInline
struct StochasticAdjointSweep<F: DifferentiableVectorField, G: DifferentiableDiffusionField> {
    @usableFromInline let problem: SDEProblem<F, G>
    @usableFromInline let grid: SDEGradientGrid
    @usableFromInline let workspace: SDEWorkspace
    @usableFromInline let buffers: AdjointBuffers
    @usableFromInline var statistics = SDEGradientStatistics()

    @usableFromInline
    init(problem: SDEProblem<F, G>, grid: SDEGradientGrid) {
        self.problem = problem
        self.grid = grid
        let shape = EulerHeun().workspaceShape
        workspace = SDEWorkspace(dimension: problem.dimension, noise: problem.noise, states: shape.states, diffusions: shape.diffusions)
        // Vectors: y, a, Φ₁(y), Φ₁(a), ỹ, ã, Φ₂(y), Φ₂(a), f, g, a ⊙ ΔW, products f and g, forward y₁.
        buffers = AdjointBuffers(
            dimension: problem.dimension, vectors: 14, driftParameters: problem.drift.parameterCount,
            diffusionParameters: problem.diffusion.parameterCount, lossCount: grid.lossSteps.count)
    }

    /// The forward Euler-Heun solve: returns the loss, keeps the loss gradients and states.
    @inlinable
    mutating func forward<P: BrownianPath, L: TrajectoryLoss>(path: inout P, loss: L) throws(SensitivityError) -> Double {
        let scheme = EulerHeun(), n = problem.dimension
        let y = buffers.vector(0), y1 = buffers.vector(13)
        for i in 0..<n { y[i] = problem.y0[i] }
        return try forwardSolve(
            problem, with: scheme, grid: grid, path: &path, loss: loss, y: y, y1: y1, buffers: buffers,
            workspace: workspace, statistics: &statistics.forward, afterStep: { _ in })
    }

    /// Solves the augmented SDE from `t1` back to `t0`; afterwards `∂L/∂y₀` is vector 1.
    @inlinable
    mutating func backward<P: BrownianPath>(path: inout P) throws(SensitivityError) {
        let n = problem.dimension
        let y = buffers.vector(0), a = buffers.vector(1)
        let phiY = buffers.vector(2), phiA = buffers.vector(3), yTilde = buffers.vector(4), aTilde = buffers.vector(5)
        let psiY = buffers.vector(6), psiA = buffers.vector(7)
        a.update(repeating: 0)
        buffers.parameterGradient.update(repeating: 0)
        var next = grid.lossSteps.count - 1
        for k in stride(from: grid.steps, to: 0, by: -1) {
            if next >= 0, grid.lossSteps[next] == k {
                for i in 0..<n {
                    a[i] += buffers.lossGradient(next)[i]
                    y[i] = buffers.lossState(next)[i]
                }
                next -= 1
            }
            let t = grid.time(k), tPrevious = grid.time(k - 1), h = tPrevious - t
            path.increment(from: tPrevious, to: t, into: workspace.dw)
            for j in 0..<workspace.dw.count { workspace.dw[j] = -workspace.dw[j] }
            increment(at: t, y: y, a: a, h: h, intoY: phiY, intoA: phiA)
            for i in 0..<n {
                yTilde[i] = y[i] + phiY[i]
                aTilde[i] = a[i] + phiA[i]
            }
            increment(at: tPrevious, y: yTilde, a: aTilde, h: h, intoY: psiY, intoA: psiA)
            for i in 0..<n {
                y[i] += 0.5 * (phiY[i] + psiY[i])
                a[i] += 0.5 * (phiA[i] + psiA[i])
            }
            statistics.backward.acceptedSteps += 1
            guard FiniteCheck.allFinite(a.baseAddress!, count: n), FiniteCheck.allFinite(y.baseAddress!, count: n) else {
                throw .backwardSolveFailed(.nonFiniteState, "the adjoint became NaN or infinite at t = \(tPrevious)")
            }
        }
    }

    /// The augmented increment `Φ = (f h + g ⊙ ΔW, −(aᵀ∂f/∂y h + (a ⊙ ΔW)ᵀ∂g/∂y))` at `(t, y, a)`
    /// with `ΔW` in the workspace; adds half its `θ` part, `−½(aᵀ∂f/∂θ h + (a ⊙ ΔW)ᵀ∂g/∂θ)`, to
    /// `∂L/∂θ` (Heun's two stages weigh ½ each and `a_θ` feeds back into nothing).
    @inlinable
    mutating func increment(
        at t: Double, y: UnsafeMutableBufferPointer<Double>, a: UnsafeMutableBufferPointer<Double>, h: Double,
        intoY outY: UnsafeMutableBufferPointer<Double>, intoA outA: UnsafeMutableBufferPointer<Double>
    ) {
        let n = problem.dimension, dw = workspace.dw
        let f = buffers.vector(8), g = buffers.vector(9), v = buffers.vector(10)
        let sF = buffers.vector(11), sG = buffers.vector(12)
        problem.drift.evaluate(t, y.readOnly, f)
        problem.diffusion.evaluate(t, y.readOnly, g)
        statistics.backward.driftEvaluations += 1
        statistics.backward.diffusionEvaluations += 1
        for i in 0..<n {
            outY[i] = f[i] * h + g[i] * dw[i]
            v[i] = a[i] * dw[i]
        }
        problem.drift.vectorJacobianProduct(t, y.readOnly, a.readOnly, stateProduct: sF, parameterProduct: buffers.driftProduct)
        problem.diffusion.vectorJacobianProduct(
            t, y.readOnly, v.readOnly, stateProduct: sG, parameterProduct: buffers.diffusionProduct)
        statistics.vectorJacobianProducts += 2
        for i in 0..<n { outA[i] = -(sF[i] * h + sG[i]) }
        let pf = buffers.driftParameters, gradient = buffers.parameterGradient
        for j in 0..<pf { gradient[j] -= 0.5 * h * buffers.driftProduct[j] }
        for j in 0..<buffers.diffusionParameters { gradient[pf + j] -= 0.5 * buffers.diffusionProduct[j] }
    }
}
