import ContinuumODE

/// The fixed-step grid through the loss times: segment `i` runs from the previous loss time (or
/// `t0`) to loss time `i` in `steps` equal steps of size `h` (no steps when a loss time is `t0`).
@usableFromInline
struct SplittingSegments {
    @usableFromInline var starts: [Double] = [], stepSizes: [Double] = [], stepCounts: [Int] = []
    @usableFromInline var totalSteps = 0

    @inlinable
    init(_ times: [Double], t0: Double, stepSize: Double) throws(SensitivityError) {
        var start = t0
        for end in times {
            var steps = 0
            if end != start {
                do {
                    steps = try GeometricOptions(stepSize: stepSize).stepCount(t0: start, t1: end)
                } catch {
                    throw .invalidProblem(error)
                }
            }
            starts.append(start)
            stepSizes.append(steps > 0 ? (end - start) / Double(steps) : 0)
            stepCounts.append(steps)
            totalSteps += steps
            start = end
        }
    }

    @inlinable var count: Int { starts.count }

    @inlinable
    subscript(i: Int) -> (start: Double, h: Double, steps: Int) { (starts[i], stepSizes[i], stepCounts[i]) }
}
