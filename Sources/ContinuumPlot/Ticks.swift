import Foundation

/// Tick positions for one axis together with the axis range (domain) they were chosen for.
struct Ticks: Equatable {
    /// The axis range in data units.
    var domain: ClosedRange<Double>
    /// Labelled tick positions, ascending, all inside `domain`.
    var major: [Double]
    /// Unlabelled tick positions (decade subdivisions on logarithmic axes), ascending.
    var minor: [Double]
    /// One label per major tick.
    var labels: [String]

    /// Relative slack when deciding whether a value lies on a tick; absorbs rounding in `value / step`.
    static let tolerance = 1e-9

    /// Equally spaced ticks on a 1-2-5 step, at most `maxCount` of them (at least 2 are always kept).
    ///
    /// With `expandToTicks` the domain grows outwards to the nearest tick on each side, so the first and
    /// last ticks enclose `range` (loose labelling); otherwise the domain is `range` and ticks lie inside.
    static func linear(_ range: ClosedRange<Double>, maxCount: Int, expandToTicks: Bool) -> Ticks {
        let lower = range.lowerBound, upper = range.upperBound
        precondition(lower < upper, "linear ticks need a non-empty range")
        let count = Double(max(maxCount, 2))
        // Divide before subtracting so that spans near the largest Double do not overflow.
        var step = NiceStep.atLeast(upper / (count - 1) - lower / (count - 1))
        var indices = tickIndices(lower, upper, step, expandToTicks)
        while indices.count > Int(count) {
            step = step.larger
            indices = tickIndices(lower, upper, step, expandToTicks)
        }
        while !expandToTicks && indices.count < 2 {
            step = step.smaller
            indices = tickIndices(lower, upper, step, expandToTicks)
        }
        let major = stride(from: indices.first, through: indices.last, by: 1).map(step.multiple)
        let domain = expandToTicks ? min(lower, major[0])...max(upper, major[major.count - 1]) : range
        return Ticks(domain: domain, major: major, minor: [],
                     labels: TickLabelFormat.linearLabels(major, step: step))
    }

    /// The first and last multiples of `step` to use as ticks, as multiples (not values).
    private static func tickIndices(
        _ lower: Double, _ upper: Double, _ step: NiceStep, _ expand: Bool
    ) -> (first: Double, last: Double, count: Int) {
        let s = step.value
        let first = expand ? floor(lower / s + tolerance) : ceil(lower / s - tolerance)
        let last = expand ? ceil(upper / s - tolerance) : floor(upper / s + tolerance)
        return (first, last, last < first ? 0 : Int(last - first) + 1)
    }
}
