/// How a fixed-step geometric integration runs: the step, what to save, and how often to record
/// the energy.
///
/// The span `t1 − t0` is covered by `N = ⌈|t1 − t0| / h⌉` steps (a quotient within 1e-9 of an
/// integer counts as that integer); when `h` does not divide the span the last step is shortened
/// so the solve ends exactly at `t1`.
public struct GeometricOptions: Sendable {
    /// The step size magnitude `h > 0` (the sign follows the direction of the problem).
    public var stepSize: Double
    /// Save the state every this many steps (and always the first and last). 0 saves only the
    /// first and last state.
    public var saveEvery: Int
    /// Record the energy `H(q, p)` every this many steps (and at the first and last); 0 records
    /// none. Needs a field that knows its energy.
    public var energyEvery: Int

    public init(stepSize: Double, saveEvery: Int = 1, energyEvery: Int = 0) {
        self.stepSize = stepSize
        self.saveEvery = saveEvery
        self.energyEvery = energyEvery
    }

    /// Checks the options and returns the number of steps for the span `t0 → t1`.
    public func stepCount(t0: Double, t1: Double) throws(ODEError) -> Int {
        guard stepSize.isFinite, stepSize > 0 else {
            throw .invalidOption(name: "stepSize", reason: "must be positive and finite, got \(stepSize)")
        }
        guard saveEvery >= 0 else { throw .invalidOption(name: "saveEvery", reason: "must not be negative") }
        guard energyEvery >= 0 else { throw .invalidOption(name: "energyEvery", reason: "must not be negative") }
        let quotient = abs(t1 - t0) / stepSize
        guard quotient < Double(Int32.max) else {
            throw .invalidOption(name: "stepSize", reason: "\(stepSize) needs more than 2³¹ steps for the span")
        }
        let nearest = quotient.rounded()
        let count = abs(quotient - nearest) <= 1e-9 * max(1, nearest) ? Int(nearest) : Int(quotient.rounded(.up))
        return max(count, 1)
    }
}

/// The result of a fixed-step geometric integration: the saved states as a ``Solution`` (state
/// `(q, p)` concatenated, as the ODE solvers store it) and the recorded energies.
public struct GeometricSolution: Sendable {
    /// Saved times and states `(q, p)`, status and statistics.
    public internal(set) var solution: Solution
    /// Times at which the energy was recorded.
    public internal(set) var energyTimes: [Double] = []
    /// `H(q, p)` at ``energyTimes``.
    public internal(set) var energies: [Double] = []
    /// Steps taken.
    public internal(set) var steps = 0

    /// `|H(tₖ) − H(t₀)|` at every recorded time (empty when no energy was recorded).
    public var energyErrors: [Double] {
        guard let first = energies.first else { return [] }
        return energies.map { abs($0 - first) }
    }
}
