import Foundation

extension Ticks {
    /// Ticks for a base-10 logarithmic axis: labelled decades (every decade, or every 2nd, 3rd, 5th, ...
    /// when there are more than `maxCount`), with the unlabelled minor ticks 2×, 3×, ... 9× in between
    /// when every decade is labelled, or the skipped decades otherwise.
    ///
    /// With `expandToTicks` the domain grows to whole labelled decades. A fixed domain (`expandToTicks`
    /// false) that holds fewer than two decades falls back to linear ticks, which still read well there.
    /// `range` must be positive; with `expandToTicks` it may be a single value.
    static func logarithmic(_ range: ClosedRange<Double>, maxCount: Int, expandToTicks: Bool) -> Ticks {
        precondition(range.lowerBound > 0, "logarithmic ticks need a positive range")
        let lower = log10(range.lowerBound), upper = log10(range.upperBound)
        var first = expandToTicks ? floor(lower + tolerance) : ceil(lower - tolerance)
        var last = expandToTicks ? ceil(upper - tolerance) : floor(upper + tolerance)
        if expandToTicks && first == last {
            first -= 1
            last += 1
        }
        if !expandToTicks && last - first < 1 {
            return linear(range, maxCount: maxCount, expandToTicks: false)
        }
        var decadeStep = 1.0
        while labelledDecades(first, last, decadeStep, expandToTicks).count > max(maxCount, 2) {
            decadeStep = nextDecadeStep(decadeStep)
        }
        if expandToTicks {
            first = floor(first / decadeStep) * decadeStep
            last = ceil(last / decadeStep) * decadeStep
        }
        // Keep the domain ends representable (10^-324 is 0, 10^309 is infinite).
        first = max(first, -323)
        last = min(last, 308)
        let exponents = labelledDecades(first, last, decadeStep, expandToTicks)
        let major = exponents.map { pow(10, $0) }
        let domain = expandToTicks ? pow(10, first)...pow(10, last) : range
        return Ticks(
            domain: domain,
            major: major,
            // A fixed domain may start or end inside a decade whose minor ticks are still wanted.
            minor: minorTicks(min(first, floor(lower)), max(last, ceil(upper)), decadeStep)
                .filter { domain.contains($0) },
            labels: exponents.map { TickLabelFormat.powerOfTen(Int($0)) })
    }

    private static func labelledDecades(
        _ first: Double, _ last: Double, _ step: Double, _ expand: Bool
    ) -> [Double] {
        let from = expand ? floor(first / step) : ceil(first / step)
        let through = expand ? ceil(last / step) : floor(last / step)
        return stride(from: from, through: through, by: 1).map { $0 * step }
    }

    /// Decade steps 1, 2, 3, 5, 10, 20, 30, 50, ...: a step of 3 labels the engineering prefixes
    /// (10⁻³, 10⁻⁶, ...), which reads better than jumping from 2 straight to 5.
    private static func nextDecadeStep(_ step: Double) -> Double {
        let magnitude = pow(10, floor(log10(step) + 1e-9))
        let next: Double = switch (step / magnitude).rounded() {
        case 1: 2
        case 2: 3
        case 3: 5
        default: 10
        }
        return next * magnitude
    }

    private static func minorTicks(_ first: Double, _ last: Double, _ decadeStep: Double) -> [Double] {
        // Beyond this many decades minor ticks would blur into a grey band.
        guard last - first <= 60 else { return [] }
        let decades = stride(from: floor(first), to: ceil(last) + 1, by: 1)
        if decadeStep == 1 {
            return decades.flatMap { exponent in (2...9).map { Double($0) * pow(10, exponent) } }
        }
        return decades.filter { $0.truncatingRemainder(dividingBy: decadeStep) != 0 }.map { pow(10, $0) }
    }
}
