/// Hairer's stiffness indicator of an explicit Runge-Kutta step, `|h| ‖f(y₁) − f(Y)‖ / ‖y₁ − Y‖`
/// divided by `bound` (the boundary of the method's stability region along the negative real axis):
/// above 1, the step is limited by stability rather than accuracy. `Y` is the argument of a late
/// stage (`probe`); `newSlope` and `probeSlope` are `f(y₁)` and `f(Y)`.
@inlinable
public func stiffnessIndicator(
    h: Double, newState: UnsafePointer<Double>, probeState: UnsafePointer<Double>,
    newSlope: UnsafePointer<Double>, probeSlope: UnsafePointer<Double>, count n: Int, bound: Double
) -> Double {
    var numerator = 0.0
    var denominator = 0.0
    for i in 0..<n {
        let df = newSlope[i] - probeSlope[i]
        let dy = newState[i] - probeState[i]
        numerator += df * df
        denominator += dy * dy
    }
    guard denominator > 0 else { return 0 }
    return abs(h) * (numerator / denominator).squareRoot() / bound
}

/// Hairer's bookkeeping around the stiffness indicator (DOPRI5, DOP853): test every `interval`
/// accepted steps, then at every step while stiff readings persist; 15 stiff readings declare the
/// problem stiff, and 6 non-stiff readings in a row reset the count.
///
/// Package-visible so that solvers outside the driver (the batched discrete adjoint) run the same test.
@usableFromInline
package struct StiffnessMonitor {
    @usableFromInline var stiffReadings = 0
    @usableFromInline var nonStiffReadings = 0
    /// Accepted steps since the last scheduled test (a counter: an integer division per step
    /// costs more than the rest of this bookkeeping).
    @usableFromInline var stepsSinceTest = 0

    @usableFromInline package init() {}

    /// Counts an accepted step; true when the test is due: every `interval` accepted steps, and at
    /// every step while stiff readings persist.
    @inlinable
    package mutating func isDue(interval: Int) -> Bool {
        stepsSinceTest += 1
        if stepsSinceTest == interval { stepsSinceTest = 0 }
        return stiffReadings > 0 || stepsSinceTest == 0
    }

    /// Records a reading of `|hλ| / bound`; returns true when the problem is declared stiff.
    @inlinable
    package mutating func record(ratio: Double) -> Bool {
        if ratio > 1 {
            nonStiffReadings = 0
            stiffReadings += 1
            return stiffReadings >= 15
        }
        nonStiffReadings += 1
        if nonStiffReadings == 6 { stiffReadings = 0 }
        return false
    }
}
