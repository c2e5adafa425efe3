/// Hairer's bookkeeping around the stiffness indicator (DOPRI5, DOP853): test every `interval`
/// accepted steps, then at every step while stiff readings persist; 15 stiff readings declare the
/// problem stiff, and 6 non-stiff readings in a row reset the count.
@usableFromInline
struct StiffnessMonitor {
    @usableFromInline var stiffReadings = 0
    @usableFromInline var nonStiffReadings = 0
    /// Accepted steps since the last scheduled test (a counter: an integer division per step
    /// costs more than the rest of this bookkeeping).
    @usableFromInline var stepsSinceTest = 0

    @usableFromInline init() {}

    /// Counts an accepted step; true when the test is due: every `interval` accepted steps, and at
    /// every step while stiff readings persist.
    @inlinable
    mutating func isDue(interval: Int) -> Bool {
        stepsSinceTest += 1
        if stepsSinceTest == interval { stepsSinceTest = 0 }
        return stiffReadings > 0 || stepsSinceTest == 0
    }

    /// Records a reading of `|hλ| / bound`; returns true when the problem is declared stiff.
    @inlinable
    mutating func record(ratio: Double) -> Bool {
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
