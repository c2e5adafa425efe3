import ContinuumNumerics

/// The state of one solve: the accept/reject loop of ``solve(_:with:options:)``.
@usableFromInline
struct Integrator<F: VectorField, S: ODESolver> {
    @usableFromInline let field: F
    @usableFromInline let solver: S
    @usableFromInline let options: SolverOptions
    @usableFromInline let plan: IntegrationPlan
    @usableFromInline let workspace: S.Workspace
    @usableFromInline var solution: Solution
    @usableFromInline var statistics = SolverStatistics()
    @usableFromInline var controller: ControllerState
    @usableFromInline var t: Double
    @usableFromInline let tEnd: Double
    @usableFromInline var nextSave = 0
    @usableFromInline var nextStop = 0
    @usableFromInline var events: EventTracker
    @usableFromInline var stiffness = StiffnessMonitor()
    /// Whether the current accepted step's continuous extension has been computed.
    @usableFromInline var denseReady = false

    @usableFromInline
    init(problem: ODEProblem<F>, solver: S, options: SolverOptions, plan: IntegrationPlan) {
        field = problem.field
        self.solver = solver
        self.options = options
        self.plan = plan
        let n = problem.field.dimension
        let workspace = solver.makeWorkspace(dimension: n)
        problem.y0.withUnsafeBufferPointer { workspace.state.update(from: $0.baseAddress!, count: n) }
        self.workspace = workspace
        solution = Solution(dimension: n, methodName: solver.name)
        if plan.keepsDenseOutput { solution.enableDenseOutput(degree: solver.denseOutputDegree) }
        controller = ControllerState(options.controller, order: solver.controllerOrder, defaults: solver.controllerDefaults)
        t = problem.t0
        tEnd = problem.t1
        events = EventTracker(options.events)
    }

    @inlinable
    mutating func run() {
        defer { solution.finish(.success, statistics: statistics) }
        let n = workspace.dimension
        let direction = plan.direction
        if plan.recordsStepTimes { solution.recordStepTime(t) }
        if plan.saveAt.isEmpty {
            if options.saveStart { solution.save(t: t, state: workspace.state) }
        } else {
            while nextSave < plan.saveAt.count && plan.saveAt[nextSave] == t {
                solution.save(t: t, state: workspace.state)
                nextSave += 1
            }
        }
        solver.start(field, t: t, workspace: workspace, statistics: &statistics)
        guard FiniteCheck.allFinite(workspace.derivative, count: n) else {
            return solution.fail(.nonFiniteState, at: t, "f(t0, y0) is not finite")
        }
        events.start(t: t, state: workspace.state, dimension: n)

        var h: Double
        if !plan.adaptive {
            h = plan.fixedStep
        } else if let h0 = options.initialStepSize {
            h = min(h0, plan.maximumStep)
        } else {
            h = initialStepSize(
                field, t0: t, direction: direction, order: solver.order, tolerance: options.tolerance,
                maximum: plan.maximumStep, workspace: workspace, statistics: &statistics)
        }
        var lastRejectionNonFinite = false
        // Hairer's codes take the final step if it is at most 1 % longer than the proposal; fixed
        // steps absorb the round-off that accumulates in t (relative to h, ~steps × ε).
        let stretch = plan.adaptive ? 1.01 : 1 + 1e-6
        let tolerance = options.tolerance
        let methodProposesSteps = options.controller.isMethodDefault
        // Loop invariants (and the count of attempts) in locals: a step is a long chain of
        // dependent operations, and every instruction the loop re-executes around it (reloading
        // options and arrays after each call of the vector field) narrows how far the processor
        // can run ahead.
        let adaptive = plan.adaptive
        let minimumStepSize = options.minimumStepSize
        let maximumStep = plan.maximumStep
        let attemptLimit = options.maximumSteps
        var attempts = statistics.steps
        var target = nextStop < plan.stopTimes.count ? plan.stopTimes[nextStop] : tEnd
        let stiffnessInterval = solver.detectsStiffness ? options.stiffnessCheckInterval : 0
        let hasEvents = !events.isEmpty
        // Saving every step (or dense output) or else the next save-at time, refreshed after saving.
        let savesEveryStep = plan.recordsStepTimes || plan.keepsDenseOutput || plan.saveAt.isEmpty
        var nextSaveTime = upcomingSaveTime()

        while direction * (tEnd - t) > 0 {
            if attempts >= attemptLimit {
                return solution.fail(.maxStepsReached, at: t, "reached the maximum of \(options.maximumSteps) steps")
            }
            attempts += 1
            var step = direction * h
            var landsOnTarget = false
            if direction * (t + stretch * step - target) >= 0 {
                step = target - t
                landsOnTarget = true
            }
            if 0.1 * abs(step) <= abs(t) * Double.ulpOfOne || (!landsOnTarget && abs(step) < minimumStepSize) {
                if lastRejectionNonFinite {
                    return solution.fail(.nonFiniteState, at: t, "the solution is not finite (NaN or infinity) beyond this time")
                }
                return solution.fail(.stepSizeUnderflow, at: t, "step size \(abs(step)) is too small")
            }

            var squaredError = solver.attemptStep(
                field, t: t, h: step, workspace: workspace, tolerance: tolerance,
                estimateError: adaptive, statistics: &statistics)
            let tNew = landsOnTarget ? target : t + step
            var finite = squaredError.isFinite
            if finite && squaredError <= 1 {
                finite = solver.completeStep(field, t: t, h: step, workspace: workspace, statistics: &statistics)
                if !finite { squaredError = .nan }
            }
            if !adaptive && !finite {
                if let failure = solver.unrecoverableFailure(workspace: workspace) {
                    return solution.fail(failure.status, at: t, failure.reason)
                }
                return solution.fail(.nonFiniteState, at: t, "the step to t = \(tNew) produced NaN or infinity")
            }
            var factor = 1.0
            if adaptive {
                let proposal = methodProposesSteps
                    ? solver.proposedStepFactor(workspace: workspace, accepted: finite && squaredError <= 1) : nil
                factor = proposal ?? controller.nextFactor(squaredError: squaredError)
            }
            guard finite && squaredError <= 1 else {
                statistics.rejectedSteps += 1
                if let failure = solver.unrecoverableFailure(workspace: workspace) {
                    return solution.fail(failure.status, at: t, failure.reason)
                }
                lastRejectionNonFinite = !finite
                h = abs(step) * factor
                continue
            }
            statistics.acceptedSteps += 1
            lastRejectionNonFinite = false
            denseReady = false

            let stiff = stiffnessInterval > 0 && stiffness.isDue(interval: stiffnessInterval)
                && stiffness.record(ratio: solver.stiffnessRatio(h: step, workspace: workspace))
            let terminal = hasEvents ? handleEvents(from: t, step: step, to: tNew) : nil
            if terminal != nil || savesEveryStep || direction * (nextSaveTime - tNew) <= 0 {
                saveStep(from: t, step: step, to: tNew, until: terminal?.time)
                nextSaveTime = upcomingSaveTime()
            }
            if let terminal {
                solution.record(CollectionOfOne(terminal))
                terminal.state.withUnsafeBufferPointer { solution.save(t: terminal.time, state: $0.baseAddress!) }
                solution.finish(.terminatedByEvent, statistics: statistics)
                return
            }
            solver.commitStep(workspace: workspace)
            t = tNew
            if landsOnTarget && nextStop < plan.stopTimes.count {
                // A stop time marks a discontinuity: f(t, y) is evaluated afresh on its far side
                // instead of reusing the previous step's last stage.
                nextStop += 1
                target = nextStop < plan.stopTimes.count ? plan.stopTimes[nextStop] : tEnd
                solver.start(field, t: t, workspace: workspace, statistics: &statistics)
            }
            if stiff {
                return solution.fail(
                    .stiffnessDetected, at: t, "the problem became stiff (Hairer's test failed 15 times in a row)")
            }
            if adaptive { h = min(abs(step) * factor, maximumStep) }
        }
    }

    /// The next save-at time still owed, or an infinitely distant time in the direction of
    /// integration once all are saved.
    @inlinable
    func upcomingSaveTime() -> Double {
        nextSave < plan.saveAt.count ? plan.saveAt[nextSave] : plan.direction * .infinity
    }
}
