import ContinuumNumerics

/// The explicit Runge-Kutta engine: one implementation that runs every ``ButcherTableau``.
///
/// ```swift
/// let solution = try solve(problem, with: .dopri5, options: SolverOptions(relativeTolerance: 1e-8))
/// ```
///
/// Method values are cheap to copy; the compiled coefficients are shared.
public struct ExplicitRungeKutta: ODESolver {
    /// The method's coefficients.
    public var tableau: ButcherTableau { program.tableau }
    /// The compiled coefficients, which also keep the tableau: the method value is one reference,
    /// so passing it to every step copies nothing (a 184-byte copy per step was 7 % of a Lorenz
    /// solve).
    @usableFromInline let program: RungeKuttaProgram

    /// Creates the method that runs `tableau`.
    public init(_ tableau: ButcherTableau) {
        self.program = RungeKuttaProgram(tableau)
    }

    public var name: String { tableau.name }
    public var order: Int { tableau.order }
    public var isAdaptive: Bool { tableau.isAdaptive }
    public var controllerOrder: Int { tableau.controllerOrder }
    public var controllerDefaults: ControllerDefaults { tableau.recommendedController }
    public var denseOutputDegree: Int { program.denseDegree }
    @inlinable public var detectsStiffness: Bool { program.probeStage >= 0 }

    public func makeWorkspace(dimension: Int) -> RungeKuttaWorkspace {
        RungeKuttaWorkspace(
            dimension: dimension, logicalStages: program.logicalStageCount, denseDegree: program.denseDegree)
    }

    @inlinable
    public func start<F: VectorField>(
        _ field: F, t: Double, workspace w: RungeKuttaWorkspace, statistics: inout SolverStatistics
    ) {
        let n = w.dimension
        field.evaluate(t, UnsafeBufferPointer(start: w.state, count: n), UnsafeMutableBufferPointer(start: w.stages[0], count: n))
        statistics.functionEvaluations += 1
    }

    @inlinable
    public func attemptStep<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: RungeKuttaWorkspace, tolerance: Tolerance,
        estimateError: Bool, statistics: inout SolverStatistics
    ) -> Double {
        let p = program
        let n = w.dimension
        let s = p.stageCount
        let y = UnsafePointer(w.state)
        let stages = UnsafePointer(w.stages)
        w.newPointReady.pointee = false
        // Read once, not after every call of the vector field (which could, as far as the compiler
        // knows, change them).
        let rows = p.stageRows
        let nodes = p.c
        let chunks = w.stride / 4
        let candidate = w.candidate
        let argument = w.stageArgument
        let fsalStage = p.isFSAL ? s - 1 : -1
        for i in 1..<s {
            // The FSAL stage's argument is the candidate itself.
            let target = i == fsalStage ? candidate : argument
            rows.combine(row: i, h: h, base: y, stages: stages, chunks: chunks, into: target)
            field.evaluate(t + nodes[i] * h, UnsafeBufferPointer(start: target, count: n),
                           UnsafeMutableBufferPointer(start: stages[i], count: n))
        }
        statistics.functionEvaluations += s - 1
        if !p.isFSAL {
            p.weights.combine(row: 0, h: h, base: y, stages: stages, chunks: w.stride / 4, into: w.candidate)
        }
        guard estimateError, p.hasErrorEstimate else { return 0 }
        let errorRows = p.errorRows
        if p.errorNeedsNewPoint {
            evaluateNewPoint(field, t: t, h: h, workspace: w, statistics: &statistics)
        }
        if !p.isBlended && errorRows.fusesErrorNorm(chunks: w.stride / 4, tolerance: tolerance) {
            return errorRows.scaledMeanSquare(
                row: 0, h: h, stages: stages, chunks: w.stride / 4, state: y, candidate: w.candidate, count: n,
                tolerance: tolerance)
        }
        let e = w.scratch
        errorRows.combine(row: 0, h: h, base: nil, stages: stages, chunks: w.stride / 4, into: e)
        if !p.isBlended {
            return WeightedNorm.meanSquare(e, y, w.candidate, count: n, tolerance: tolerance)
        }
        // DOP853: err = ‖e5‖² / sqrt(n (‖e5‖² + 0.01 ‖e3‖²)) with unnormalised sums of squares;
        // its square is returned.
        let e5 = WeightedNorm.sumOfSquares(e, y, w.candidate, count: n, tolerance: tolerance)
        errorRows.combine(row: 1, h: h, base: nil, stages: stages, chunks: w.stride / 4, into: e)
        let e3 = WeightedNorm.sumOfSquares(e, y, w.candidate, count: n, tolerance: tolerance)
        var denominator = e5 + 0.01 * e3
        if denominator <= 0 { denominator = 1 }
        return e5 * e5 / (Double(tolerance.controlledCount(of: n)) * denominator)
    }

    @inlinable
    func evaluateNewPoint<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: RungeKuttaWorkspace, statistics: inout SolverStatistics
    ) {
        guard !w.newPointReady.pointee else { return }
        let n = w.dimension
        field.evaluate(t + h, UnsafeBufferPointer(start: w.candidate, count: n),
                       UnsafeMutableBufferPointer(start: w.stages[program.newPointStage], count: n))
        statistics.functionEvaluations += 1
        w.newPointReady.pointee = true
    }

    @inlinable
    public func completeStep<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: RungeKuttaWorkspace, statistics: inout SolverStatistics
    ) -> Bool {
        if !program.isFSAL { evaluateNewPoint(field, t: t, h: h, workspace: w, statistics: &statistics) }
        return FiniteCheck.allFinite(w.candidate, w.stages[program.newPointStage], count: w.dimension)
    }

    @inlinable
    public func stiffnessRatio(h: Double, workspace w: RungeKuttaWorkspace) -> Double {
        let p = program
        guard p.probeStage >= 0 else { return 0 }
        return stiffnessIndicator(
            h: h, newState: w.candidate, probeState: w.stageArgument, newSlope: w.stages[p.newPointStage],
            probeSlope: w.stages[p.probeStage], count: w.dimension, bound: p.stiffnessBound)
    }

    @inlinable
    public func prepareDenseOutput<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: RungeKuttaWorkspace, statistics: inout SolverStatistics
    ) {
        let p = program
        let n = w.dimension
        let stages = UnsafePointer(w.stages)
        let y = UnsafePointer(w.state)
        for i in p.firstExtraStage..<p.logicalStageCount {
            p.stageRows.combine(row: i, h: h, base: y, stages: stages, chunks: w.stride / 4, into: w.stageArgument)
            field.evaluate(t + p.c[i] * h, UnsafeBufferPointer(start: w.stageArgument, count: n),
                           UnsafeMutableBufferPointer(start: stages[i], count: n))
            statistics.functionEvaluations += 1
        }
        for j in 0..<p.denseDegree {
            p.denseRows.combine(row: j, h: h, base: nil, stages: stages, chunks: w.stride / 4, into: w.denseTerms + j * w.stride)
        }
    }

    @inlinable
    public func commitStep(workspace w: RungeKuttaWorkspace) {
        w.swapStages(0, program.newPointStage)
        w.swapStateAndCandidate()
    }
}
