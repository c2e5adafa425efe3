/// How an SDE solve steps and what it saves.
public struct SDESolveOptions: Sendable {
    /// The step size (fixed steps) or the first step (adaptive); positive, the sign comes from the span.
    public var stepSize: Double
    /// Tolerances of an adaptive solve; `nil` takes fixed steps (the last one shortened to end at `t1`).
    public var tolerance: SDETolerance?
    /// Save the state after every accepted step (otherwise only the initial and final states).
    public var saveEveryStep: Bool
    /// Maximum number of attempted steps.
    public var maximumSteps: Int

    public init(stepSize: Double, tolerance: SDETolerance? = nil, saveEveryStep: Bool = false, maximumSteps: Int = 10_000_000) {
        self.stepSize = stepSize
        self.tolerance = tolerance
        self.saveEveryStep = saveEveryStep
        self.maximumSteps = maximumSteps
    }

    @usableFromInline
    func validate() throws(SDEError) {
        guard stepSize.isFinite, stepSize > 0 else {
            throw .invalidOption(name: "stepSize", reason: "must be positive and finite, got \(stepSize)")
        }
        guard maximumSteps > 0 else { throw .invalidOption(name: "maximumSteps", reason: "must be positive") }
        if let tolerance {
            guard tolerance.relative >= 0, tolerance.absolute >= 0, tolerance.relative + tolerance.absolute > 0,
                  tolerance.driftWeight >= 0
            else {
                throw .invalidOption(name: "tolerance", reason: "tolerances must be non-negative and not both zero")
            }
        }
    }
}
