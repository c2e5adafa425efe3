import ContinuumODE

/// The energy error `|H(tₖ) − H(t₀)|` of one method on one Hamiltonian problem, over time.
///
/// A symplectic method's error oscillates with bounded amplitude for exponentially long times
/// (backward error analysis: it conserves a modified Hamiltonian `H̃ = H + O(hᵖ)`); a general
/// method's error drifts. ``summary`` condenses the series into the numbers that tell the two
/// apart: the largest error over the first and over the last tenth of the time span.
///
/// ```swift
/// let drift = try EnergyDrift.measure(problem, method: SplittingMethod.velocityVerlet, stepSize: 0.01)
/// print(drift.summary.maxErrorLastTenth / drift.summary.maxErrorFirstTenth)   // ≈ 1: no drift
/// ```
public struct EnergyDrift: Sendable {
    /// The method's name.
    public let method: String
    /// Times of the records.
    public let times: [Double]
    /// `|H(tₖ) − H(t₀)|` at ``times``.
    public let errors: [Double]
    /// Steps taken.
    public let steps: Int
    /// How the integration ended; a failed one is summarised up to where it stopped.
    public let status: SolutionStatus

    /// A series from recorded energies (the first is the reference `H(t₀)`).
    public init(method: String, times: [Double], energies: [Double], steps: Int, status: SolutionStatus = .success) {
        precondition(times.count == energies.count, "one energy per time")
        self.method = method
        self.times = times
        let reference = energies.first ?? .nan
        errors = energies.map { abs($0 - reference) }
        self.steps = steps
        self.status = status
    }

    /// The summary of the series.
    public var summary: EnergyDriftSummary {
        guard let first = times.first, let last = times.last, last != first else {
            return EnergyDriftSummary(
                method: method, maxError: errors.max() ?? .nan, maxErrorFirstTenth: .nan, maxErrorLastTenth: .nan,
                steps: steps)
        }
        var (all, early, late) = (0.0, 0.0, 0.0)
        for (t, error) in zip(times, errors) {
            let fraction = (t - first) / (last - first)
            all = maxPropagatingNaN(all, error)
            if fraction <= 0.1 { early = maxPropagatingNaN(early, error) }
            if fraction >= 0.9 { late = maxPropagatingNaN(late, error) }
        }
        return EnergyDriftSummary(
            method: method, maxError: all, maxErrorFirstTenth: early, maxErrorLastTenth: late, steps: steps)
    }
}

/// The numbers of an energy-drift study: the largest energy error overall, over the first tenth
/// and over the last tenth of the time span, and the number of steps.
public struct EnergyDriftSummary: Sendable, Equatable {
    public let method: String
    public let maxError: Double
    public let maxErrorFirstTenth: Double
    public let maxErrorLastTenth: Double
    public let steps: Int

    public init(method: String, maxError: Double, maxErrorFirstTenth: Double, maxErrorLastTenth: Double, steps: Int) {
        self.method = method
        self.maxError = maxError
        self.maxErrorFirstTenth = maxErrorFirstTenth
        self.maxErrorLastTenth = maxErrorLastTenth
        self.steps = steps
    }

    /// `maxErrorLastTenth / maxErrorFirstTenth`: about 1 without secular drift, about 10 or more
    /// for a linear drift.
    public var growth: Double { maxErrorLastTenth / maxErrorFirstTenth }

    /// Whether the error shows no secular growth: the last tenth's maximum is within `factor` of
    /// the first tenth's.
    public func isBounded(factor: Double = 2) -> Bool { maxErrorLastTenth <= factor * maxErrorFirstTenth }
}

/// `max` that returns NaN when either argument is NaN (a failed energy must not vanish).
private func maxPropagatingNaN(_ a: Double, _ b: Double) -> Double {
    a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
}
