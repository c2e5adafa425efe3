import ContinuumNumerics
import ContinuumODE
import ContinuumSDE

/// Backpropagation through the steps of ``ReversibleHeun`` (Kidger, Foster, Li and Lyons 2021).
///
/// A step maps the carried `(y, ŷ, f, g)` to
///
///     ŷ' = 2y − ŷ + h f + g ⊙ ΔW,   f' = f(t', ŷ'),   g' = g(t', ŷ'),
///     y' = y + ½h (f + f') + ½ (g + g') ⊙ ΔW,
///
/// so with adjoints `(a_y, a_ŷ, a_f, a_g)` of the step's end, the cotangents of `f'` and `g'` are
/// `c_f = a_f + ½h a_y` and `c_g = a_g + ½ΔW ⊙ a_y`; one product of each field at `ŷ'` gives
/// `b = a_ŷ + c_fᵀ∂f/∂y + c_gᵀ∂g/∂y` (and adds the parameter products to `∂L/∂θ`), and the adjoints
/// of the step's start are `a_y + 2b`, `−b`, `½h a_y + h b`, `½ΔW ⊙ a_y + ΔW ⊙ b`. The states are
/// reconstructed by ``ReversibleHeun/stepBackward`` (constant memory) or read back from a store.
@usableFromInline
struct ReversibleHeunBackpropagation<F: DifferentiableVectorField, G: DifferentiableDiffusionField> {
    @usableFromInline let problem: SDEProblem<F, G>
    @usableFromInline let grid: SDEGradientGrid
    @usableFromInline let storesStates: Bool
    @usableFromInline let workspace: SDEWorkspace
    @usableFromInline let buffers: AdjointBuffers
    /// `(y, ŷ, f, g)` at every grid point when ``storesStates``.
    @usableFromInline let store: ScratchBuffer?
    @usableFromInline var statistics = SDEGradientStatistics()

    @usableFromInline
    init(problem: SDEProblem<F, G>, grid: SDEGradientGrid, storesStates: Bool) {
        let n = problem.dimension
        self.problem = problem
        self.grid = grid
        self.storesStates = storesStates
        workspace = SDEWorkspace(dimension: n, noise: problem.noise, states: 4, diffusions: 2)
        // Vectors: y, y (other), a_y, a_ŷ, a_f, a_g, c_f, c_g, products f and g.
        buffers = AdjointBuffers(
            dimension: n, vectors: 10, driftParameters: problem.drift.parameterCount,
            diffusionParameters: problem.diffusion.parameterCount, lossCount: grid.lossSteps.count)
        store = storesStates ? ScratchBuffer(count: 4 * n * (grid.steps + 1)) : nil
        if storesStates { statistics.storedStates = 4 * (grid.steps + 1) }
    }

    /// Copies `(y, ŷ, f, g)` to (`save`) or from the store at grid point `k`.
    @inlinable
    func transfer(_ k: Int, _ y: UnsafeMutableBufferPointer<Double>, save: Bool) {
        guard let store else { return }
        let n = problem.dimension
        let slot = store.slice(4 * k * n, 4 * n)
        copy(y, slot.part(0, n), save)
        copy(workspace.state(0), slot.part(n, n), save)
        copy(workspace.state(1), slot.part(2 * n, n), save)
        copy(workspace.diffusion(0), slot.part(3 * n, n), save)
    }

    @inlinable
    func copy(_ live: UnsafeMutableBufferPointer<Double>, _ stored: UnsafeMutableBufferPointer<Double>, _ save: Bool) {
        for i in 0..<live.count {
            if save { stored[i] = live[i] } else { live[i] = stored[i] }
        }
    }

    /// The forward solve: returns the loss and keeps the loss gradients for the sweep.
    @inlinable
    mutating func forward<P: BrownianPath, L: TrajectoryLoss>(path: inout P, loss: L) throws(SensitivityError) -> Double {
        let scheme = ReversibleHeun(), n = problem.dimension
        let y = buffers.vector(0), y1 = buffers.vector(1)
        for i in 0..<n { y[i] = problem.y0[i] }
        scheme.start(problem, t: grid.t0, y: y.readOnly, workspace: workspace, statistics: &statistics.forward)
        transfer(0, y, save: true)
        var counters = statistics.forward
        defer { statistics.forward = counters }
        let sweep = self
        return try forwardSolve(
            problem, with: scheme, grid: grid, path: &path, loss: loss, y: y, y1: y1, buffers: buffers,
            workspace: workspace, statistics: &counters, afterStep: { k in sweep.transfer(k, y, save: true) })
    }

    /// The reverse sweep from `t1` to `t0`; afterwards `∂L/∂y₀` is in vector 2 (`a_y`).
    @inlinable
    mutating func backward<P: BrownianPath>(path: inout P) {
        let n = problem.dimension, scheme = ReversibleHeun()
        var y = buffers.vector(0), yPrevious = buffers.vector(1)
        let aY = buffers.vector(2)
        for k in 2..<buffers.vectorCount { buffers.vector(k).update(repeating: 0) }
        buffers.parameterGradient.update(repeating: 0)
        var next = grid.lossSteps.count - 1
        for k in stride(from: grid.steps, to: 0, by: -1) {
            if next >= 0, grid.lossSteps[next] == k {
                for i in 0..<n { aY[i] += buffers.lossGradient(next)[i] }
                next -= 1
            }
            transfer(k, y, save: false)
            let t = grid.time(k - 1), t1 = grid.time(k)
            path.increment(from: t, to: t1, into: workspace.dw)
            adjointStep(at: t1, h: t1 - t, dw: workspace.dw.readOnly)
            if !storesStates {
                let increment = StochasticIncrement(h: t1 - t, dw: workspace.dw.readOnly, area: workspace.area.readOnly)
                scheme.stepBackward(
                    problem, t: t1, y: y.readOnly, increment: increment, into: yPrevious, workspace: workspace,
                    statistics: &statistics.backward)
                swap(&y, &yPrevious)
            }
            statistics.backward.acceptedSteps += 1
        }
        transfer(0, y, save: false)
        workspace.dw.update(repeating: 0)
        adjointStep(at: grid.t0, h: 0, dw: workspace.dw.readOnly)
        // The initial point enters as y₀ and as ŷ₀ = y₀: ∂L/∂y₀ = a_y + a_ŷ.
        let aHat = buffers.vector(3)
        for i in 0..<n { aY[i] += aHat[i] }
    }

    /// One step of the adjoint recursion (see the type's documentation) at the end point `t'` of a
    /// step of size `h` with increment `dw`; `ŷ'` is workspace state 0.
    @inlinable
    mutating func adjointStep(at t: Double, h: Double, dw: UnsafeBufferPointer<Double>) {
        let n = problem.dimension
        let aY = buffers.vector(2), aHat = buffers.vector(3), aF = buffers.vector(4), aG = buffers.vector(5)
        let cF = buffers.vector(6), cG = buffers.vector(7), sF = buffers.vector(8), sG = buffers.vector(9)
        for i in 0..<n {
            cF[i] = aF[i] + 0.5 * h * aY[i]
            cG[i] = aG[i] + 0.5 * dw[i] * aY[i]
        }
        let yHat = workspace.state(0).readOnly
        problem.drift.vectorJacobianProduct(t, yHat, cF.readOnly, stateProduct: sF, parameterProduct: buffers.driftProduct)
        problem.diffusion.vectorJacobianProduct(
            t, yHat, cG.readOnly, stateProduct: sG, parameterProduct: buffers.diffusionProduct)
        statistics.vectorJacobianProducts += 2
        buffers.accumulateParameterProducts()
        for i in 0..<n {
            let b = aHat[i] + sF[i] + sG[i]
            aF[i] = 0.5 * h * aY[i] + h * b
            aG[i] = dw[i] * (0.5 * aY[i] + b)
            aY[i] += 2 * b
            aHat[i] = -b
        }
    }
}
