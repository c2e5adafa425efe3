import ContinuumNumerics

/// The validated, normalised form of a problem's options: times sorted in the direction of
/// integration and every limit resolved. Building it is where API misuse throws.
@usableFromInline
struct IntegrationPlan {
    @usableFromInline let direction: Double
    @usableFromInline let adaptive: Bool
    @usableFromInline let fixedStep: Double
    @usableFromInline let maximumStep: Double
    @usableFromInline let stopTimes: [Double]
    @usableFromInline let saveAt: [Double]
    @usableFromInline let recordsStepTimes: Bool
    @usableFromInline let keepsDenseOutput: Bool

    @usableFromInline
    init<F: VectorField, S: ODESolver>(problem: ODEProblem<F>, solver: S, options: SolverOptions) throws(ODEError) {
        let t0 = problem.t0
        let t1 = problem.t1
        let direction = problem.direction
        self.direction = direction
        guard options.tolerance.isValid else {
            throw .invalidOption(name: "tolerance", reason: "tolerances must be finite, non-negative and not both zero")
        }
        if let atol = options.tolerance.absoluteVector, atol.count != problem.field.dimension {
            throw .dimensionMismatch(expected: problem.field.dimension, actual: atol.count, what: "absolute tolerance")
        }
        if let h = options.fixedStepSize {
            guard h.isFinite, h > 0 else {
                throw .invalidOption(name: "fixedStepSize", reason: "must be a positive finite number, got \(h)")
            }
            adaptive = false
            fixedStep = h
        } else {
            guard solver.isAdaptive else {
                throw .invalidOption(
                    name: "fixedStepSize", reason: "\(solver.name) has no error estimator; give a fixed step size")
            }
            adaptive = true
            fixedStep = 0
        }
        if let h0 = options.initialStepSize, !(h0.isFinite && h0 > 0) {
            throw .invalidOption(name: "initialStepSize", reason: "must be a positive finite number, got \(h0)")
        }
        guard options.maximumSteps > 0 else {
            throw .invalidOption(name: "maximumSteps", reason: "must be positive")
        }
        guard options.minimumStepSize >= 0, !options.minimumStepSize.isNaN else {
            throw .invalidOption(name: "minimumStepSize", reason: "must be non-negative")
        }
        guard options.maximumStepSize > 0, !options.maximumStepSize.isNaN else {
            throw .invalidOption(name: "maximumStepSize", reason: "must be positive")
        }
        maximumStep = min(options.maximumStepSize, abs(t1 - t0))

        func inSpan(_ t: Double) -> Bool { t.isFinite && direction * (t - t0) >= 0 && direction * (t1 - t) >= 0 }
        for t in options.saveAt where !inSpan(t) { throw .timeOutsideSpan(what: "save-at time", time: t) }
        for t in options.stopTimes where !inSpan(t) { throw .timeOutsideSpan(what: "stop time", time: t) }
        for (a, b) in zip(options.saveAt, options.saveAt.dropFirst()) where direction * (b - a) < 0 {
            throw .timeOutsideSpan(what: "save-at time (must be ordered in the direction of integration)", time: b)
        }
        saveAt = options.saveAt
        // Stop times strictly inside the span, in the direction of integration, without duplicates.
        let inner = Set(options.stopTimes.filter { direction * ($0 - t0) > 0 && direction * (t1 - $0) > 0 })
        stopTimes = inner.sorted { direction * ($1 - $0) > 0 }
        keepsDenseOutput = options.denseOutput ?? options.saveAt.isEmpty
        recordsStepTimes = options.recordStepTimes
    }
}
