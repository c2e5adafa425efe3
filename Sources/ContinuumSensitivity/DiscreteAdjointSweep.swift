import ContinuumODE

/// The reverse sweep of the discrete adjoint over a recorded step grid `t₀ < t₁ < … < t_N`.
///
/// The cotangent `λ` starts at zero after the last step; before reversing the step that ends at a
/// loss time, that time's `∂ℓ/∂y` is added. Step `j` needs the state at `t_j`, taken from the
/// stored trajectory or recomputed from the nearest checkpoint (``reverseWithCheckpoints(_:checkpoints:)``).
@usableFromInline
final class DiscreteAdjointSweep<Field: DifferentiableVectorField> {
    @usableFromInline let field: Field
    @usableFromInline let replay: RungeKuttaReplay
    @usableFromInline let grid: [Double]
    /// For each grid point, the row of its loss gradient in `lossGradients`, or -1.
    @usableFromInline let lossRow: [Int]
    @usableFromInline let lossGradients: [Double]
    @usableFromInline let n: Int
    /// `∂L/∂y` at the grid point reached so far; `∂L/∂y₀` at the end.
    @usableFromInline var cotangent: [Double]
    /// `∂L/∂θ` accumulated so far.
    @usableFromInline var parameterGradient: [Double]
    @usableFromInline var statistics = GradientStatistics()
    /// The solver-cost penalty added step by step, if any.
    @usableFromInline let penalty: SolverHeuristicsPenalty?

    @inlinable
    init(
        field: Field, method: ExplicitRungeKutta, grid: [Double], lossTimes: [Double], lossGradients: [Double],
        penalty: SolverHeuristicsPenalty? = nil
    ) {
        self.field = field
        n = field.dimension
        self.penalty = penalty
        replay = RungeKuttaReplay(method.tableau, dimension: n, parameterCount: field.parameterCount, allStages: penalty != nil)
        self.grid = grid
        var rows = [Int](repeating: -1, count: grid.count)
        var j = 0
        for (row, t) in lossTimes.enumerated() {
            while j < grid.count && grid[j] != t { j += 1 }
            if j < grid.count { rows[j] = row }
        }
        lossRow = rows
        self.lossGradients = lossGradients
        cotangent = [Double](repeating: 0, count: n)
        parameterGradient = [Double](repeating: 0, count: field.parameterCount)
    }

    /// Number of steps `N`.
    @inlinable
    var stepCount: Int { grid.count - 1 }

    /// Adds the loss gradient at grid point `j`, if it is a loss time.
    @inlinable
    func addLossGradient(at j: Int) {
        let row = lossRow[j]
        guard row >= 0 else { return }
        for k in 0..<n { cotangent[k] += lossGradients[row * n + k] }
    }

    /// Reverses step `j` from the state `y` at `t_j`, after adding the loss gradient at `t_{j+1}`.
    @inlinable
    func reverseStep(_ j: Int, from y: UnsafePointer<Double>) {
        addLossGradient(at: j + 1)
        let t = grid[j], h = grid[j + 1] - grid[j]
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { end in
            replay.step(field, t: t, h: h, from: y, to: end.baseAddress!)
            penalty?.addStep(replay, h: h, from: y, to: end.baseAddress!)
        }
        statistics.backward.functionEvaluations += replay.evaluationsPerStep
        statistics.backward.acceptedSteps += 1
        let products = cotangent.withUnsafeMutableBufferPointer { lambda in
            parameterGradient.withUnsafeMutableBufferPointer { theta in
                replay.reverse(
                    field, t: t, h: h, cotangent: lambda.baseAddress!, parameterGradient: theta.baseAddress!,
                    extraSlopeCotangents: penalty?.slopeCotangents)
            }
        }
        if let penalty { for k in 0..<n { cotangent[k] += penalty.startCotangent[k] } }
        statistics.vectorJacobianProducts += products
    }

    /// Reverses every step from the stored trajectory (state `j` at `trajectory + j·n`).
    @inlinable
    func reverseStoringAll(_ trajectory: UnsafePointer<Double>) {
        statistics.storedStates = grid.count
        for j in stride(from: stepCount - 1, through: 0, by: -1) { reverseStep(j, from: trajectory + j * n) }
        addLossGradient(at: 0)
    }

    /// Advances `state` (at grid point `from`) to grid point `to` by replaying the steps between.
    @inlinable
    func advance(_ state: UnsafeMutablePointer<Double>, from: Int, to: Int) {
        for j in from..<to {
            replay.step(field, t: grid[j], h: grid[j + 1] - grid[j], from: state, to: state)
        }
        statistics.recomputedSteps += to - from
        statistics.forward.functionEvaluations += (to - from) * replay.evaluationsPerStep
    }
}
