/// Hairer's bookkeeping around the stiffness indicator (DOPRI5, DOP853): test every `interval`
/// accepted steps, then at every step while stiff readings persist; 15 stiff readings declare the
/// problem stiff, and 6 non-stiff readings in a row reset the count.
@usableFromInline
struct StiffnessMonitor {
    @usableFromInline var stiffReadings = 0
    @usableFromInline var nonStiffReadings = 0

    @usableFromInline init() {}

    @inlinable
    func isDue(acceptedSteps: Int, interval: Int) -> Bool {
        stiffReadings > 0 || acceptedSteps % interval == 0
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
