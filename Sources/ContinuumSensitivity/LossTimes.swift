import ContinuumODE

/// The validated loss times of a gradient computation and the loss terms evaluated at them.
@usableFromInline
struct LossTimes {
    /// The loss times, in the direction of integration.
    @usableFromInline let times: [Double]
    /// State dimension.
    @usableFromInline let dimension: Int

    /// Checks that `times` is non-empty, finite, strictly monotone in the direction of `t0 → t1`
    /// and inside the span.
    @inlinable
    init(_ times: [Double], t0: Double, t1: Double, dimension: Int) throws(SensitivityError) {
        guard !times.isEmpty else { throw .invalidTimes("no loss times given") }
        let direction: Double = t1 >= t0 ? 1 : -1
        for (i, t) in times.enumerated() {
            guard t.isFinite else { throw .invalidTimes("time \(i) is not finite") }
            guard direction * (t - t0) >= 0, direction * (t1 - t) >= 0 else {
                throw .invalidTimes("time \(t) lies outside the span [\(t0), \(t1)]")
            }
            if i > 0, direction * (t - times[i - 1]) <= 0 {
                throw .invalidTimes("times must increase strictly in the direction of integration (\(times[i - 1]) then \(t))")
            }
        }
        self.times = times
        self.dimension = dimension
    }

    /// The last loss time: where the forward solve may stop.
    @inlinable
    var end: Double { times[times.count - 1] }

    /// Evaluates every term `ℓᵢ(yᵢ)` on `states` (row `i` at time `i`); returns the loss and the
    /// rows `∂ℓᵢ/∂y`.
    @inlinable
    func evaluate<L: TrajectoryLoss>(_ loss: L, states: [Double]) throws(SensitivityError) -> (Double, [Double]) {
        let n = dimension
        var gradients = [Double](repeating: 0, count: states.count)
        var total = 0.0
        states.withUnsafeBufferPointer { y in
            gradients.withUnsafeMutableBufferPointer { g in
                for i in times.indices {
                    total += loss.evaluate(index: i, t: times[i], y: y.part(i * n, n), gradient: g.part(i * n, n))
                }
            }
        }
        guard total.isFinite else { throw .nonFiniteLoss("the loss is \(total)") }
        guard gradients.allSatisfy(\.isFinite) else { throw .nonFiniteLoss("the loss gradient has a non-finite entry") }
        return (total, gradients)
    }
}

extension Solution {
    /// Throws unless the solve succeeded.
    @inlinable
    func requireSuccess(backward: Bool) throws(SensitivityError) {
        guard status == .success else {
            let reason = message ?? "\(status)"
            throw backward ? .backwardSolveFailed(status, reason) : .forwardSolveFailed(status, reason)
        }
    }
}
