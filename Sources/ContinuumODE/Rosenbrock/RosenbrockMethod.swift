import ContinuumNumerics

/// The Rosenbrock engine: one implementation that runs every ``RosenbrockTableau``, for stiff
/// problems.
///
/// ```swift
/// let solution = try solve(robertson, with: .rodas5P, options: SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-14))
/// print(solution.statistics.jacobianEvaluations, solution.statistics.factorizations)
/// ```
///
/// Each step evaluates the Jacobian `J = ∂f/∂y` at the step's start (exactly for a
/// ``DifferentiableVectorField``, else by central differences, see ``JacobianEvaluator``: the order
/// of a Rosenbrock method rests on an accurate `J`) and `∂f/∂t` by a central difference in `t`,
/// factorises `I/(hγ) − J` once, and solves one linear system per stage. A rejected step keeps the Jacobian and refactorises for the smaller step. A singular
/// iteration matrix rejects the step; when it stays singular as the step shrinks (ten attempts in a
/// row, or the step about to underflow) the solve ends with ``SolutionStatus/singularMatrix``.
public struct RosenbrockMethod: ODESolver {
    /// The method's coefficients.
    public let tableau: RosenbrockTableau
    @usableFromInline let program: RosenbrockProgram

    /// Creates the method that runs `tableau`.
    public init(_ tableau: RosenbrockTableau) {
        self.tableau = tableau
        program = RosenbrockProgram(tableau)
    }

    public var name: String { tableau.name }
    public var order: Int { tableau.order }
    public var isAdaptive: Bool { true }
    public var controllerOrder: Int { tableau.controllerOrder }
    public var controllerDefaults: ControllerDefaults { tableau.recommendedController }
    public var denseOutputDegree: Int { program.denseDegree }
    public var detectsStiffness: Bool { false }

    public func makeWorkspace(dimension: Int) -> RosenbrockWorkspace {
        RosenbrockWorkspace(dimension: dimension, stages: program.stageCount, denseDegree: program.denseDegree)
    }

    @inlinable
    public func start<F: VectorField>(
        _ field: F, t: Double, workspace w: RosenbrockWorkspace, statistics: inout SolverStatistics
    ) {
        let n = w.dimension
        field.evaluate(t, UnsafeBufferPointer(start: w.state, count: n), UnsafeMutableBufferPointer(start: w.derivative, count: n))
        statistics.functionEvaluations += 1
        w.evaluator.prepare(for: field)
        w.jacobianIsCurrent = false
        w.singularAttempts = 0
    }

    @inlinable
    public func attemptStep<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: RosenbrockWorkspace, tolerance: Tolerance,
        estimateError: Bool, statistics: inout SolverStatistics
    ) -> Double {
        let p = program
        let n = w.dimension
        let chunks = w.stride / 4
        if !w.jacobianIsCurrent { evaluateDerivatives(field, t: t, workspace: w, statistics: &statistics) }
        w.lastTime = t
        w.lastStep = h
        guard factorIterationMatrix(h: h, workspace: w, statistics: &statistics) else { return .nan }

        let y = UnsafePointer(w.state)
        let u = UnsafePointer(w.increments)
        let forces = w.derivatives
        forces[0] = w.derivative
        let timeTerm = !w.timeDerivativeVanishes
        for i in 0..<p.stageCount {
            if i > 0 {
                p.arguments.combine(row: i, h: 1, base: y, stages: u, chunks: chunks, into: w.stageArgument)
                field.evaluate(t + p.nodes[i] * h, UnsafeBufferPointer(start: w.stageArgument, count: n),
                               UnsafeMutableBufferPointer(start: forces[i], count: n))
            }
            // Right-hand side of stage i, built in place in uᵢ, then solved with the factorisation.
            let ui = w.increments[i]
            p.couplings.combine(row: i, h: 1 / h, base: forces[i], stages: u, chunks: chunks, into: ui)
            let weight = p.timeWeights[i] * h
            if timeTerm && weight != 0 {
                let dfdt = w.timeDerivative
                for k in 0..<n { ui[k] += weight * dfdt[k] }
            }
            if let extra = p.derivativeCouplings {
                extra.combine(row: i, h: 1, base: ui, stages: UnsafePointer(forces), chunks: chunks, into: ui)
            }
            w.matrix.solve(ui)
        }
        statistics.functionEvaluations += p.stageCount - 1
        p.solution.combine(row: 0, h: 1, base: y, stages: u, chunks: chunks, into: w.candidate)
        guard estimateError else { return 0 }
        p.error.combine(row: 0, h: 1, base: nil, stages: u, chunks: chunks, into: w.scratch)
        return WeightedNorm.meanSquare(w.scratch, y, w.candidate, count: n, tolerance: tolerance)
    }

    /// Evaluates `J` and `∂f/∂t` at the current state (kept for retries after a rejection).
    @inlinable
    func evaluateDerivatives<F: VectorField>(
        _ field: F, t: Double, workspace w: RosenbrockWorkspace, statistics: inout SolverStatistics
    ) {
        let n = w.dimension
        w.evaluator.stateJacobian(
            field, t: t, y: w.state, f0: w.derivative, into: w.jacobian, scratch: w.stageArgument,
            statistics: &statistics)
        w.evaluator.timeDerivative(
            field, t: t, y: w.state, f0: w.derivative, into: w.timeDerivative, scratch: w.stageArgument,
            statistics: &statistics)
        var vanishes = true
        for k in 0..<n where w.timeDerivative[k] != 0 { vanishes = false }
        w.timeDerivativeVanishes = vanishes
        w.jacobianIsCurrent = true
    }

    /// Forms and factorises `I/(hγ) − J`; false (and one more singular attempt) if it is singular.
    @inlinable
    func factorIterationMatrix(h: Double, workspace w: RosenbrockWorkspace, statistics: inout SolverStatistics) -> Bool {
        let n = w.dimension
        let e = w.matrix.elements
        let j = w.jacobian
        for k in 0..<(n * n) { e[k] = -j[k] }
        let diagonal = 1 / (h * program.gamma)
        for k in 0..<n { e[k * n + k] += diagonal }
        statistics.factorizations += 1
        // The relative-pivot guard only catches matrices singular far beyond working precision;
        // milder ill-conditioning shows up in the error estimate, which rejects the step.
        let status = w.matrix.factor(nearlySingularBelow: Double.ulpOfOne * Double.ulpOfOne)
        switch status {
        case .regular:
            w.singularAttempts = 0
            return true
        case .nearlySingular, .singular, .unfactored:
            w.singularAttempts += 1
            return false
        }
    }

    @inlinable
    public func completeStep<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: RosenbrockWorkspace, statistics: inout SolverStatistics
    ) -> Bool {
        let n = w.dimension
        let f1 = w.newDerivative
        if program.isFSAL {
            f1.update(from: w.derivatives[program.stageCount - 1], count: n)
        } else {
            field.evaluate(t + h, UnsafeBufferPointer(start: w.candidate, count: n), UnsafeMutableBufferPointer(start: f1, count: n))
            statistics.functionEvaluations += 1
        }
        return FiniteCheck.allFinite(w.candidate, f1, count: n)
    }

    @inlinable
    public func stiffnessRatio(h: Double, workspace: RosenbrockWorkspace) -> Double { 0 }

    @inlinable
    public func prepareDenseOutput<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: RosenbrockWorkspace, statistics: inout SolverStatistics
    ) {
        let u = UnsafePointer(w.increments)
        for k in 0..<program.denseDegree {
            program.dense.combine(row: k, h: 1, base: nil, stages: u, chunks: w.stride / 4, into: w.denseTerms + k * w.stride)
        }
    }

    @inlinable
    public func commitStep(workspace w: RosenbrockWorkspace) {
        w.advance()
        w.jacobianIsCurrent = false
    }

    public func unrecoverableFailure(workspace w: RosenbrockWorkspace) -> SolverFailure? {
        guard w.singularAttempts > 0 else { return nil }
        // The driver shrinks the step by at least the controller's smallest factor after a
        // non-finite attempt; fail now if the next attempt would underflow anyway.
        let next = tableau.recommendedController.minFactor * abs(w.lastStep)
        let underflows = 0.1 * next <= abs(w.lastTime) * Double.ulpOfOne || next == 0
        guard w.singularAttempts >= 10 || underflows else { return nil }
        let n = w.dimension
        var finite = true
        for k in 0..<(n * n) where !w.jacobian[k].isFinite { finite = false }
        let what = finite
            ? "the iteration matrix I/(hγ) − J is singular"
            : "the Jacobian ∂f/∂y contains NaN or infinity, so the iteration matrix I/(hγ) − J is singular"
        return SolverFailure(
            status: .singularMatrix,
            reason: "\(what) (\(w.singularAttempts) attempts in a row, down to step size \(abs(w.lastStep)))")
    }
}
