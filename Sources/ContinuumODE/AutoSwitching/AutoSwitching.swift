import ContinuumNumerics

/// A method that starts non-stiff and switches to a stiff method and back as the problem's
/// stiffness changes, like LSODA or DifferentialEquations.jl's `AutoTsit5(Rodas5P())`.
///
/// - Non-stiff → stiff: Hairer's stiffness indicator of the non-stiff method (`|hλ|` over its
///   stability bound, from its last two stages) exceeds `switchThreshold` on
///   `stiffStepsBeforeSwitch` consecutive accepted steps.
/// - Stiff → non-stiff: every `probeInterval` accepted steps the spectral radius `ρ` of `∂f/∂y` is
///   estimated by power iteration on finite-difference Jacobian-vector products; when `h·ρ` stays
///   below `switchThreshold` times the non-stiff method's stability bound on
///   `nonStiffProbesBeforeSwitch` consecutive probes, the non-stiff method takes over.
///
/// A switch restarts the other method from the current state (one evaluation of `f`); the step
/// size carries over and the driver's controller adapts it.
///
/// ```swift
/// let solution = try solve(vanDerPol, with: .autoTsit5Rodas5P, options: SolverOptions(relativeTolerance: 1e-6))
/// ```
public struct AutoSwitching<NonStiff: ODESolver, Stiff: ODESolver>: ODESolver {
    public let nonStiff: NonStiff
    public let stiff: Stiff
    /// `|hλ|` where the non-stiff method's stability region meets the negative real axis.
    public let nonStiffStabilityBound: Double
    /// Fraction of the stability bound at which a reading counts as stiff (or, back, as non-stiff).
    public var switchThreshold = 0.9
    /// Consecutive stiff readings that trigger the switch to the stiff method.
    public var stiffStepsBeforeSwitch = 5
    /// Accepted stiff steps between spectral-radius probes.
    public var probeInterval = 10
    /// Consecutive non-stiff probes that trigger the switch back.
    public var nonStiffProbesBeforeSwitch = 2

    /// Combines a non-stiff method that detects stiffness with a stiff method.
    public init(nonStiff: NonStiff, stiff: Stiff, nonStiffStabilityBound: Double) {
        precondition(nonStiff.detectsStiffness, "\(nonStiff.name) has no stiffness indicator")
        self.nonStiff = nonStiff
        self.stiff = stiff
        self.nonStiffStabilityBound = nonStiffStabilityBound
    }

    public var name: String { "auto-\(nonStiff.name)-\(stiff.name)" }
    public var order: Int { min(nonStiff.order, stiff.order) }
    public var isAdaptive: Bool { true }
    public var controllerOrder: Int { nonStiff.controllerOrder }
    public var controllerDefaults: ControllerDefaults { nonStiff.controllerDefaults }
    public var denseOutputDegree: Int { max(nonStiff.denseOutputDegree, stiff.denseOutputDegree) }
    /// The switch handles stiffness, so the driver's "stiffness detected" failure never fires.
    public var detectsStiffness: Bool { false }

    public func makeWorkspace(dimension: Int) -> AutoSwitchingWorkspace<NonStiff.Workspace, Stiff.Workspace> {
        AutoSwitchingWorkspace(
            nonStiff: nonStiff.makeWorkspace(dimension: dimension), stiff: stiff.makeWorkspace(dimension: dimension),
            denseDegree: denseOutputDegree)
    }

    public func start<F: VectorField>(
        _ field: F, t: Double, workspace w: AutoSwitchingWorkspace<NonStiff.Workspace, Stiff.Workspace>,
        statistics: inout SolverStatistics
    ) {
        if w.stiffIsActive {
            stiff.start(field, t: t, workspace: w.stiff, statistics: &statistics)
        } else {
            nonStiff.start(field, t: t, workspace: w.nonStiff, statistics: &statistics)
        }
    }

    public func attemptStep<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: AutoSwitchingWorkspace<NonStiff.Workspace, Stiff.Workspace>,
        tolerance: Tolerance, estimateError: Bool, statistics: inout SolverStatistics
    ) -> Double {
        if w.switchPending { performSwitch(field, t: t, workspace: w, statistics: &statistics) }
        if w.stiffIsActive {
            return stiff.attemptStep(
                field, t: t, h: h, workspace: w.stiff, tolerance: tolerance, estimateError: estimateError,
                statistics: &statistics)
        }
        return nonStiff.attemptStep(
            field, t: t, h: h, workspace: w.nonStiff, tolerance: tolerance, estimateError: estimateError,
            statistics: &statistics)
    }

    /// Hands the current state to the other method and restarts it there.
    @usableFromInline
    func performSwitch<F: VectorField>(
        _ field: F, t: Double, workspace w: AutoSwitchingWorkspace<NonStiff.Workspace, Stiff.Workspace>,
        statistics: inout SolverStatistics
    ) {
        let n = w.dimension
        if w.stiffIsActive {
            w.nonStiff.state.update(from: w.stiff.state, count: n)
        } else {
            w.stiff.state.update(from: w.nonStiff.state, count: n)
        }
        w.stiffIsActive.toggle()
        w.switches += 1
        w.switchPending = false
        w.stiffReadings = 0
        w.nonStiffReadings = 0
        w.stepsSinceProbe = 0
        start(field, t: t, workspace: w, statistics: &statistics)
    }

    public func completeStep<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: AutoSwitchingWorkspace<NonStiff.Workspace, Stiff.Workspace>,
        statistics: inout SolverStatistics
    ) -> Bool {
        if !w.stiffIsActive {
            guard nonStiff.completeStep(field, t: t, h: h, workspace: w.nonStiff, statistics: &statistics) else {
                return false
            }
            if nonStiff.stiffnessRatio(h: h, workspace: w.nonStiff) > switchThreshold {
                w.stiffReadings += 1
                if w.stiffReadings >= stiffStepsBeforeSwitch { w.switchPending = true }
            } else {
                w.stiffReadings = 0
            }
            return true
        }
        guard stiff.completeStep(field, t: t, h: h, workspace: w.stiff, statistics: &statistics) else { return false }
        w.stepsSinceProbe += 1
        guard w.stepsSinceProbe >= probeInterval else { return true }
        w.stepsSinceProbe = 0
        let n = w.dimension
        let y1 = w.stiff.candidate
        let f1 = w.probe
        field.evaluate(t + h, UnsafeBufferPointer(start: y1, count: n), UnsafeMutableBufferPointer(start: f1, count: n))
        statistics.functionEvaluations += 1
        let radius = SpectralRadiusEstimate.estimate(
            field, t: t + h, y: y1, f0: f1, dimension: n, v: w.probe + w.stride, w: w.probe + 2 * w.stride,
            shifted: w.probe + 3 * w.stride, statistics: &statistics)
        if abs(h) * radius < switchThreshold * nonStiffStabilityBound {
            w.nonStiffReadings += 1
            if w.nonStiffReadings >= nonStiffProbesBeforeSwitch { w.switchPending = true }
        } else {
            w.nonStiffReadings = 0
        }
        return true
    }

    public func stiffnessRatio(h: Double, workspace: AutoSwitchingWorkspace<NonStiff.Workspace, Stiff.Workspace>) -> Double {
        0
    }

    public func prepareDenseOutput<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: AutoSwitchingWorkspace<NonStiff.Workspace, Stiff.Workspace>,
        statistics: inout SolverStatistics
    ) {
        if w.stiffIsActive {
            stiff.prepareDenseOutput(field, t: t, h: h, workspace: w.stiff, statistics: &statistics)
            w.adoptDenseTerms(from: w.stiff.denseTerms, degree: stiff.denseOutputDegree, sourceStride: w.stiff.stride)
        } else {
            nonStiff.prepareDenseOutput(field, t: t, h: h, workspace: w.nonStiff, statistics: &statistics)
            w.adoptDenseTerms(
                from: w.nonStiff.denseTerms, degree: nonStiff.denseOutputDegree, sourceStride: w.nonStiff.stride)
        }
    }

    public func commitStep(workspace w: AutoSwitchingWorkspace<NonStiff.Workspace, Stiff.Workspace>) {
        if w.stiffIsActive {
            stiff.commitStep(workspace: w.stiff)
        } else {
            nonStiff.commitStep(workspace: w.nonStiff)
        }
    }

    public func unrecoverableFailure(workspace w: AutoSwitchingWorkspace<NonStiff.Workspace, Stiff.Workspace>) -> SolverFailure? {
        w.stiffIsActive ? stiff.unrecoverableFailure(workspace: w.stiff) : nil
    }
}

// Leading-dot access: `solve(problem, with: .autoTsit5Rodas5P)`.
extension ODESolver where Self == AutoSwitching<ExplicitRungeKutta, RosenbrockMethod> {
    /// Tsitouras 5(4) while the problem is non-stiff, Rodas5P while it is stiff.
    public static var autoTsit5Rodas5P: Self {
        AutoSwitching(nonStiff: .tsit5, stiff: .rodas5P, nonStiffStabilityBound: 3.5068)
    }
}
