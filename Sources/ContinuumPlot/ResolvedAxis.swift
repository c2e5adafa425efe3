import Foundation

/// An axis ready to draw: its scale, its ticks and domain, and the map from data to a fraction of the
/// axis length.
struct ResolvedAxis {
    let scale: Scale
    let ticks: Ticks
    private let start: Double
    private let span: Double

    init(scale: Scale, ticks: Ticks) {
        self.scale = scale
        self.ticks = ticks
        start = scale.transform(ticks.domain.lowerBound)
        span = scale.transform(ticks.domain.upperBound) - start
    }

    /// Where `value` lies along the axis: 0 at the lower end of the domain, 1 at the upper end.
    func fraction(_ value: Double) -> Double {
        (scale.transform(value) - start) / span
    }

    /// Chooses ticks for an axis `length` pixels long showing `dataRange` (or the axis' fixed limits),
    /// aiming at one tick per `spacing` pixels and thinning them until `fits` accepts the labels.
    static func resolve(
        _ axis: Axis, dataRange: ClosedRange<Double>, length: Double, spacing: Double,
        fits: (ResolvedAxis) -> Bool
    ) -> ResolvedAxis {
        let fixed = axis.limits != nil
        let range = axis.limits ?? widenedIfDegenerate(dataRange, scale: axis.scale)
        var maxCount = min(max(Int(length / spacing) + 1, 2), 12)
        while true {
            let ticks = axis.scale == .linear
                ? Ticks.linear(range, maxCount: maxCount, expandToTicks: !fixed)
                : Ticks.logarithmic(range, maxCount: maxCount, expandToTicks: !fixed)
            let resolved = ResolvedAxis(scale: axis.scale, ticks: ticks)
            if maxCount <= 2 || fits(resolved) { return resolved }
            maxCount -= 1
        }
    }

    /// A range with room around it when the data is (numerically) a single value: ±10 % of the value,
    /// or ±1 around zero. Logarithmic ticks handle a single value themselves by showing its decades.
    static func widenedIfDegenerate(_ range: ClosedRange<Double>, scale: Scale) -> ClosedRange<Double> {
        let lower = range.lowerBound, upper = range.upperBound
        let magnitude = max(abs(lower), abs(upper))
        guard scale == .linear, upper - lower <= max(1e-12 * magnitude, 1e-290) else { return range }
        let center = lower / 2 + upper / 2
        if magnitude <= 1e-290 { return -1...1 }
        return center - abs(center) / 10...center + abs(center) / 10
    }
}
